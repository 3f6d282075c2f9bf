import { GetLessonAccess } from "../../../contracts/courses/calls.ts";
import { AppError, answer } from "../../../runtime/module-api/index.ts";
import { fakeModule } from "../../fakes.test-support.ts";

/** Courses as a learning module's tests see it: lesson `<course>/<n>` is the n-th of a course of two; `outsider` is enrolled in none. */
export const fakeCourses = fakeModule("courses", [
  answer(GetLessonAccess, async ({ user_id, lesson_id }) => {
    const course = /^(.+)\/[12]$/.exec(lesson_id)?.[1];
    if (!course) throw new AppError("lesson_not_found", "no such lesson");
    return { lesson_id, course_id: course, course_lessons: 2, enrolled: user_id !== "outsider" };
  }),
]);
