import { GetCourseCompletion } from "../../contracts/progress/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { CourseProgress, LessonCompletion } from "./entities.ts";

/** Whether the user completed every lesson of the course: the course's row says when, the completions how many so far. */
export const courseCompletionCall = answer(GetCourseCompletion, async ({ user_id, course_id }, ctx) =>
  ctx.db.snapshot(async (em) => {
    const course = await em.findOne(CourseProgress, { userId: user_id, courseId: course_id });
    const completedLessons = await em.count(LessonCompletion, { userId: user_id, courseId: course_id });
    const completedAt = course?.completedAt ?? null;
    return {
      user_id,
      course_id,
      completed_lessons: completedLessons,
      completed: completedAt !== null,
      completed_at: completedAt?.toISOString() ?? null,
    };
  }),
);
