import type * as v from "valibot";
import { GetLessonAccess } from "../../contracts/courses/calls.ts";
import type { DeviceReportView, ProgressReportBody } from "../../contracts/progress/api.ts";
import { CourseCompleted, LessonCompleted } from "../../contracts/progress/events.ts";
import { AppError, type ModuleContext, type Tx } from "../../runtime/module-api/index.ts";
import { DeviceReport } from "./entities.ts";
import { mergeReport, type Report, toDeviceReportView } from "./merge.ts";

type ReportBody = v.InferOutput<typeof ProgressReportBody>;

/**
 * The first completion of a lesson announces it; the completion that makes every lesson of the course
 * complete announces the course, once. The course's row is locked by then (recordReport), so two devices
 * completing a course's last two lessons at once count one after the other, and the second sees the first.
 */
async function announceCompletion(tx: Tx, userId: string, lessonId: string, courseId: string, at: Date): Promise<void> {
  const first = await tx.em.execute(
    `insert into "progress"."lesson_completions" (user_id, lesson_id, course_id, completed_at) values (?, ?, ?, ?)
     on conflict do nothing returning lesson_id`,
    [userId, lessonId, courseId, at],
  );
  if (first.length === 0) return;
  const completedAt = at.toISOString();
  tx.publish(LessonCompleted, { user_id: userId, lesson_id: lessonId, course_id: courseId, completed_at: completedAt });
  const [counted] = await tx.em.execute<{ done: number }[]>(
    `select count(*)::int as done from "progress"."lesson_completions" where user_id = ? and course_id = ?`,
    [userId, courseId],
  );
  const course = await tx.em.execute(
    `update "progress"."course_progress" set completed_at = ? where user_id = ? and course_id = ? and completed_at is null and lesson_count <= ?
     returning course_id`,
    [at, userId, courseId, counted?.done ?? 0],
  );
  if (course.length > 0) tx.publish(CourseCompleted, { user_id: userId, course_id: courseId, completed_at: completedAt });
}

/** What courses says of a lesson for a learner (courses.lesson_access), asked before the transaction. */
type LessonAccess = { readonly course_id: string; readonly course_lessons: number };

/**
 * Writes one report inside the caller's transaction: a request's, or a delivery's (whose transaction records
 * its inbox entry). The course's row first: an upsert locks it until commit, whichever report of the course's
 * lessons came first.
 */
export async function saveReport(tx: Tx, access: LessonAccess, report: Omit<Report, "courseId">, at: Date): Promise<void> {
  await tx.em.execute(
    `insert into "progress"."course_progress" (user_id, course_id, lesson_count, completed_at) values (?, ?, ?, null)
     on conflict (user_id, course_id) do update set lesson_count = excluded.lesson_count`,
    [report.userId, access.course_id, access.course_lessons],
  );
  await mergeReport(tx, { ...report, courseId: access.course_id }, at);
  if (report.completed) await announceCompletion(tx, report.userId, report.lessonId, access.course_id, at);
}

/**
 * Merges a device's report into the learner's progress (merge.ts) and answers that device's report as merged:
 * the same whatever other devices report at the time, so a device learns only what it sent was kept. Only for a lesson of a course the learner is enrolled in, which courses says,
 * asked before the transaction.
 */
export async function recordReport(
  ctx: ModuleContext,
  userId: string,
  lessonId: string,
  device: string,
  body: ReportBody,
): Promise<DeviceReportView> {
  const access = await ctx.call(GetLessonAccess, { user_id: userId, lesson_id: lessonId });
  if (!access.enrolled) throw new AppError("not_enrolled", "enrol in the lesson's course before recording progress in it");
  return ctx.db.transaction(async (tx) => {
    const report = { userId, lessonId, device, version: body.version, positionSeconds: body.position_seconds, completed: body.completed };
    await saveReport(tx, access, report, ctx.clock.now());
    return toDeviceReportView(await tx.em.findOneOrFail(DeviceReport, { userId, lessonId, device }));
  });
}
