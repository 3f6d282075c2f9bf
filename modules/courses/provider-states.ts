import type { EntityManager } from "@mikro-orm/postgresql";
import { CourseEnrolled } from "../../contracts/courses/events.ts";
import { AppError, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { Course, Lesson } from "./entities.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/** A contract's course of two lessons, written once under the given ids: the lesson named and one after it. */
async function ensureCourse(em: EntityManager, params: Params): Promise<void> {
  const courseId = String(params.course_id);
  const title = String(params.course_title ?? "Contract Testing 101");
  await em.execute(
    `insert into "courses"."courses" (id, title, description, lesson_count, created_at) values (?, ?, '', 2, ?) on conflict do nothing`,
    [courseId, title, new Date()],
  );
  await em.execute(`insert into "courses"."sections" (id, course_id, title, position) values (?, ?, 'Contracts', 1) on conflict do nothing`, [
    `${courseId}-section`,
    courseId,
  ]);
  const lessonId = String(params.lesson_id ?? `${courseId}-lesson`);
  for (const [id, position] of [
    [lessonId, 1],
    [`${lessonId}-next`, 2],
  ] as const) {
    await em.execute(
      `insert into "courses"."lessons" (id, course_id, section_id, title, position, duration_seconds) values (?, ?, ?, 'A lesson', ?, 600)
       on conflict do nothing`,
      [id, courseId, `${courseId}-section`, position],
    );
  }
}

const enrolled = (em: EntityManager, params: Params) =>
  em.execute(`insert into "courses"."enrolments" (course_id, user_id, enrolled_at) values (?, ?, ?) on conflict do nothing`, [
    String(params.course_id),
    String(params.user_id),
    new Date(),
  ]);

/** The states the consumers of courses.lesson_access, courses.get and course.enrolled name. */
export const coursesProviderStates: Record<string, ProviderStateHandler> = {
  "user is enrolled in the lesson's course": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      await ensureCourse(em, params);
      await enrolled(em, params);
    }),

  "user is not enrolled in the lesson's course": (ctx, params) =>
    ctx.db.transaction(async ({ em }) => {
      await ensureCourse(em, params);
      await em.execute(`delete from "courses"."enrolments" where course_id = ? and user_id = ?`, [String(params.course_id), String(params.user_id)]);
    }),

  "course exists": (ctx, params) => ctx.db.transaction(({ em }) => ensureCourse(em, params)),

  "no such course": async (ctx, params) => {
    if (await ctx.db.em().findOne(Course, { id: String(params.course_id) }))
      throw new AppError("precondition_failed", `course ${params.course_id} exists`);
  },

  "no such lesson": async (ctx, params) => {
    if (await ctx.db.em().findOne(Lesson, { id: String(params.lesson_id) }))
      throw new AppError("precondition_failed", `lesson ${params.lesson_id} exists`);
  },

  /** The enrolment is written once, and announced every time, as the first enrolment announces it. */
  "user has just enrolled": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      await ensureCourse(tx.em, params);
      await enrolled(tx.em, params);
      tx.publish(CourseEnrolled, {
        user_id: String(params.user_id),
        course_id: String(params.course_id),
        course_title: String(params.course_title),
        enrolled_at: new Date().toISOString(),
      });
    }),
};
