import { Notify } from "../../contracts/notifications/calls.ts";
import { answer, newId } from "../../runtime/module-api/index.ts";
import { deliveryNow } from "./delivery.ts";

/**
 * A notice another module sends: stored once per (source, user), the pair the table is unique on, so a
 * repeated notice (a retried call, a redelivered event's handler) answers the notification stored first.
 */
export const notifyCall = answer(Notify, ({ user_id, kind, message, data, source_id }, ctx) =>
  ctx.db.transaction(async ({ em }) => {
    const inserted = await em.execute<{ id: string }[]>(
      `insert into "notifications"."notifications" (id, user_id, kind, message, data, source_event_id, delivery, created_at)
       values (?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (source_event_id, user_id) do nothing returning id`,
      [newId(), user_id, kind, message, JSON.stringify(data), source_id, deliveryNow(), new Date()],
    );
    const [stored] = inserted.length
      ? inserted
      : await em.execute<{ id: string }[]>(`select id from "notifications"."notifications" where source_event_id = ? and user_id = ?`, [
          source_id,
          user_id,
        ]);
    return { notification_id: (stored as { id: string }).id };
  }),
);
