import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";
import { noticeKinds } from "./calls.ts";

/** The stable kinds a client may branch on (and filter by): those of the events notifications follows, then the notices other modules send. */
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
  ...noticeKinds,
] as const;

/** Customer and operator listing: `?kind=` keeps one kind. */
export const NotificationListQuery = v.object({ kind: v.optional(v.picklist(notificationKinds)) });

/**
 * One message to a user. `kind` is one of `notificationKinds`; `data` carries the machine-readable parts (a
 * token, an order id, a reason).
 */
const NotificationView = v.object({
  id: Id,
  user_id: Id,
  kind: v.string(),
  message: v.string(),
  data: v.record(v.string(), v.string()),
  /** `suppressed`: a synthetic transaction's, recorded and sent to nobody. */
  delivery: v.picklist(["sent", "suppressed"]),
  created_at: Timestamp,
});

export const NotificationList = v.object({ count: v.number(), notifications: v.array(NotificationView) });
export type NotificationList = v.InferOutput<typeof NotificationList>;
