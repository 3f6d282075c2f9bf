import type { NotificationList } from "../../contracts/notifications/api.ts";
import type { Delivery } from "./delivery.ts";
import type { Notification } from "./entities.ts";

export const toNotificationList = (rows: readonly Notification[]): NotificationList => ({
  count: rows.length,
  notifications: rows.map((n) => ({
    id: n.id,
    user_id: n.userId,
    kind: n.kind,
    message: n.message,
    data: n.data ?? {},
    delivery: n.delivery as Delivery,
    created_at: n.createdAt.toISOString(),
  })),
});
