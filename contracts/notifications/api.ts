import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

export const NotificationView = v.object({
  id: Id,
  user_id: Id,
  kind: v.string(),
  message: v.string(),
  created_at: Timestamp,
});

export const NotificationList = v.object({ count: v.number(), notifications: v.array(NotificationView) });
export type NotificationList = v.InferOutput<typeof NotificationList>;
