/** The stable kinds a client may branch on (and filter by). */
export const notificationKinds = [
  "welcome",
  "verify_email",
  "password_reset",
  "order_placed",
  "order_confirmed",
  "order_cancelled",
  "payment_failed",
  "review_commented",
  "review_liked",
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

/** What a subscriber decided to tell whom; stored as one Notification. */
export interface Draft {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly message: string;
  readonly data: Record<string, string>;
}
