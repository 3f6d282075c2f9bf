import { CourseEnrolled } from "../../contracts/courses/events.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { on } from "../../runtime/module-api/index.ts";

/**
 * Tells the learner, through notifications' own call, once the enrolment is committed: courses follows its
 * own event so the notice is sent at least once (a failed call is a failed delivery, delivered again) and
 * kept once (the event's id is the notice's source, which notifications stores once).
 */
export const tellEnrolled = on(CourseEnrolled, async ({ user_id, course_id, course_title }, ctx) => {
  await ctx.call(Notify, {
    user_id,
    kind: "course_enrolled",
    message: `You are enrolled in ${course_title}.`,
    data: { course_id },
    source_id: ctx.envelope.id,
  });
});
