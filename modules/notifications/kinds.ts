import type { notificationKinds } from "../../contracts/notifications/api.ts";

type NotificationKind = (typeof notificationKinds)[number];

/** What a subscriber decided to tell whom; stored as one Notification. */
export interface Draft {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly message: string;
  readonly data: Record<string, string>;
}
