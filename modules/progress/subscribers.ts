import { GetLessonAccess } from "../../contracts/courses/calls.ts";
import { TutorSessionCompleted } from "../../contracts/tutor/events.ts";
import { isAppError, on } from "../../runtime/module-api/index.ts";
import { saveReport } from "./record.ts";

/** The device an AI tutoring session reports from: one more device of the learner's, merged like any other. */
const TUTOR_DEVICE = "ai-tutor";

/**
 * A completed tutoring session completes its lesson, merged as the tutor device's report. Saved once however
 * often the event arrives: the delivery's transaction records it in the inbox, and the merge and the first
 * completion are idempotent besides (merge.ts, record.ts), so even a second write would change nothing. A
 * lesson courses does not know has no progress to keep.
 */
export const recordTutorSession = on(TutorSessionCompleted, async ({ user_id, lesson_id }, ctx) => {
  const access = await ctx.call(GetLessonAccess, { user_id, lesson_id }).catch((error: unknown) => {
    if (isAppError(error, "lesson_not_found")) return undefined;
    throw error;
  });
  if (!access) return;
  const report = { userId: user_id, lessonId: lesson_id, device: TUTOR_DEVICE, version: 1, positionSeconds: 0, completed: true };
  await ctx.transaction((tx) => saveReport(tx, access, report, ctx.clock.now()));
});
