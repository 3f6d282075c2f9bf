import type { CourseSummary, CourseView, EnrolmentView } from "../../contracts/courses/api.ts";
import type { Course, Lesson, Section } from "./entities.ts";

export const toCourseSummary = (course: Course): CourseSummary => ({
  id: course.id,
  title: course.title,
  description: course.description,
  lesson_count: course.lessonCount,
  created_at: course.createdAt.toISOString(),
});

/** The course with its outline in order: sections by position, each with its lessons by position. */
export const toCourseView = (course: Course, sections: readonly Section[], lessons: readonly Lesson[]): CourseView => ({
  ...toCourseSummary(course),
  sections: [...sections]
    .sort((a, b) => a.position - b.position)
    .map((section) => ({
      id: section.id,
      title: section.title,
      position: section.position,
      lessons: lessons
        .filter((l) => l.sectionId === section.id)
        .sort((a, b) => a.position - b.position)
        .map((l) => ({ id: l.id, title: l.title, position: l.position, duration_seconds: l.durationSeconds })),
    })),
});

export const toEnrolmentView = (course: Course, userId: string, enrolledAt: Date): EnrolmentView => ({
  course_id: course.id,
  user_id: userId,
  course_title: course.title,
  enrolled_at: enrolledAt.toISOString(),
});
