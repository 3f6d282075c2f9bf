import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";

/** The states the consumers of progress.course_completion name: a course of two lessons, completed or not begun. */
export const progressProviderStates: Record<string, ProviderStateHandler> = {
  "user has completed the course": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      const [userId, courseId, at] = [String(params.user_id), String(params.course_id), new Date()];
      await em.execute(
        `insert into "progress"."course_progress" (user_id, course_id, lesson_count, completed_at) values (?, ?, 2, ?)
         on conflict (user_id, course_id) do update set completed_at = coalesce(course_progress.completed_at, excluded.completed_at)`,
        [userId, courseId, at],
      );
      for (const lesson of [`${courseId}-lesson`, `${courseId}-lesson-next`]) {
        await em.execute(
          `insert into "progress"."lesson_completions" (user_id, lesson_id, course_id, completed_at) values (?, ?, ?, ?) on conflict do nothing`,
          [userId, lesson, courseId, at],
        );
      }
    }),

  "user has not completed the course": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      for (const table of ["course_progress", "lesson_completions", "device_reports"]) {
        await em.execute(`delete from "progress"."${table}" where user_id = ? and course_id = ?`, [String(params.user_id), String(params.course_id)]);
      }
    }),
};
