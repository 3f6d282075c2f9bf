import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** A course in the catalogue, written once with its whole outline; `lessonCount` is what completing it takes. */
export const Course = defineEntity({
  name: "Course",
  tableName: "courses",
  schema: "courses",
  properties: {
    id: p.string().primary(),
    title: p.string(),
    description: p.text(),
    lessonCount: p.integer(),
    createdAt: p.datetime(),
  },
});
export type Course = InferEntity<typeof Course>;

/** One of a course's modules, in order ("section": a module is something else here). */
export const Section = defineEntity({
  name: "Section",
  tableName: "sections",
  schema: "courses",
  properties: {
    id: p.string().primary(),
    courseId: p.string().index(),
    title: p.string(),
    position: p.integer(),
  },
});
export type Section = InferEntity<typeof Section>;

export const Lesson = defineEntity({
  name: "Lesson",
  tableName: "lessons",
  schema: "courses",
  properties: {
    id: p.string().primary(),
    courseId: p.string().index(),
    sectionId: p.string(),
    title: p.string(),
    position: p.integer(),
    durationSeconds: p.integer(),
  },
});
export type Lesson = InferEntity<typeof Lesson>;

/** Who is enrolled in what: the primary key makes a second enrolment of the same user in a course impossible. */
export const Enrolment = defineEntity({
  name: "Enrolment",
  tableName: "enrolments",
  schema: "courses",
  properties: {
    courseId: p.string().primary(),
    userId: p.string().primary(),
    enrolledAt: p.datetime(),
  },
});
export type Enrolment = InferEntity<typeof Enrolment>;
