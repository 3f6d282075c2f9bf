import type { CourseView, CreateCourseBody } from "../../contracts/courses/api.ts";
import { AppError, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { Course, Lesson, Section } from "./entities.ts";
import { toCourseView } from "./views.ts";

/** The operator's new course, outline and all, in one transaction: a course is never seen half written. */
export function createCourse(ctx: ModuleContext, body: CreateCourseBody): Promise<CourseView> {
  return ctx.db.transaction(async ({ em }) => {
    const course = em.create(Course, {
      id: newId(),
      title: body.title,
      description: body.description,
      lessonCount: body.sections.reduce((sum, s) => sum + s.lessons.length, 0),
      createdAt: ctx.clock.now(),
    });
    const sections: Section[] = [];
    const lessons: Lesson[] = [];
    for (const [i, s] of body.sections.entries()) {
      const section = em.create(Section, { id: newId(), courseId: course.id, title: s.title, position: i + 1 });
      sections.push(section);
      for (const [j, l] of s.lessons.entries()) {
        lessons.push(
          em.create(Lesson, {
            id: newId(),
            courseId: course.id,
            sectionId: section.id,
            title: l.title,
            position: j + 1,
            durationSeconds: l.duration_seconds,
          }),
        );
      }
    }
    return toCourseView(course, sections, lessons);
  });
}

export async function findCourse(ctx: ModuleContext, id: string): Promise<Course> {
  const course = await ctx.db.em().findOne(Course, { id });
  if (!course) throw new AppError("course_not_found", "no such course");
  return course;
}

/** A course as the catalogue shows it, outline included, read in one snapshot. */
export async function readCourse(ctx: ModuleContext, id: string): Promise<CourseView> {
  const course = await findCourse(ctx, id);
  return ctx.db.snapshot(async (em) => toCourseView(course, await em.find(Section, { courseId: id }), await em.find(Lesson, { courseId: id })));
}
