import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";

/**
 * The kinds another module may send through `notifications.notify`: a module with something to tell a user
 * adds its kind here, in notifications' contract, instead of notifications learning its events.
 */
export const noticeKinds = ["course_enrolled", "certificate_issued", "post_commented", "post_liked"] as const;

/**
 * Tells a user something, once: the (source_id, user_id) pair is the notice's identity, so sending it again
 * (a redelivered event's handler, a retry) stores nothing new and answers the notification already stored.
 */
export const Notify = defineCall({
  name: "notifications.notify",
  owner: "notifications",
  request: v.object({
    user_id: Id,
    kind: v.picklist(noticeKinds),
    message: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
    data: v.record(v.string(), v.pipe(v.string(), v.maxLength(500))),
    source_id: Id,
  }),
  reply: v.object({ notification_id: Id }),
  retrySafe: true,
});
