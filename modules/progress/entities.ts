import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/**
 * What one device has reported of one lesson, merged report by report (merge.ts): every column only grows.
 * The device's version is bigint read as a number, as the contract allows any safe integer.
 */
export const DeviceReport = defineEntity({
  name: "DeviceReport",
  tableName: "device_reports",
  schema: "progress",
  properties: {
    userId: p.string().primary(),
    lessonId: p.string().primary(),
    device: p.string().primary(),
    courseId: p.string().index(),
    version: p.bigint("number"),
    positionSeconds: p.integer(),
    completedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});
export type DeviceReport = InferEntity<typeof DeviceReport>;

/** The first completion of a lesson by a user, from whichever device: the primary key lets one report announce it. */
export const LessonCompletion = defineEntity({
  name: "LessonCompletion",
  tableName: "lesson_completions",
  schema: "progress",
  properties: {
    userId: p.string().primary(),
    lessonId: p.string().primary(),
    courseId: p.string(),
    completedAt: p.datetime(),
  },
});
export type LessonCompletion = InferEntity<typeof LessonCompletion>;

/**
 * One user's progress through one course: the row every report of that course locks first, so reports of
 * its lessons from several devices count completions one after another, and when it was completed.
 */
export const CourseProgress = defineEntity({
  name: "CourseProgress",
  tableName: "course_progress",
  schema: "progress",
  properties: {
    userId: p.string().primary(),
    courseId: p.string().primary(),
    lessonCount: p.integer(),
    completedAt: p.datetime().nullable(),
  },
});
export type CourseProgress = InferEntity<typeof CourseProgress>;
