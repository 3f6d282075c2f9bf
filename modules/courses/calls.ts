import { GetCourse, GetLessonAccess } from "../../contracts/courses/calls.ts";
import { AppError, answer } from "../../runtime/module-api/index.ts";
import { findCourse } from "./catalogue.ts";
import { Course, Enrolment, Lesson } from "./entities.ts";

export const lessonAccessCall = answer(GetLessonAccess, async ({ user_id, lesson_id }, ctx) => {
  const em = ctx.db.em();
  const lesson = await em.findOne(Lesson, { id: lesson_id });
  if (!lesson) throw new AppError("lesson_not_found", "no such lesson");
  const course = await em.findOneOrFail(Course, { id: lesson.courseId });
  const enrolled = (await em.count(Enrolment, { courseId: course.id, userId: user_id })) > 0;
  return { lesson_id, course_id: course.id, course_lessons: course.lessonCount, enrolled };
});

export const courseCall = answer(GetCourse, async ({ course_id }, ctx) => {
  const course = await findCourse(ctx, course_id);
  return { course_id: course.id, title: course.title, lesson_count: course.lessonCount };
});
