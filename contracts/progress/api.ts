import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

/** A device's own name for itself, as it signs in with (`laptop`, `phone`). */
export const DeviceName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));

/**
 * What one device has seen of one lesson: how far it got, whether it finished, and its own counter, which
 * it raises with every report it sends (a report with a version the server has seen merges as a no-op).
 */
export const ProgressReportBody = v.object({
  version: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  position_seconds: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(0), v.maxValue(86_400)),
  completed: v.boolean(),
});

/**
 * One device's report of a lesson as merged so far: the answer to that device's report, the same whatever
 * other devices report meanwhile (their reports join in the lesson's progress, not here).
 */
export const DeviceReportView = v.object({
  lesson_id: Id,
  course_id: Id,
  device: v.string(),
  version: v.number(),
  position_seconds: v.number(),
  completed: v.boolean(),
  completed_at: v.nullable(Timestamp),
});
export type DeviceReportView = v.InferOutput<typeof DeviceReportView>;

/**
 * A lesson's progress as every device's reports merge (modules/progress/merge.ts): the furthest position any
 * device reached, completed once any device completed it, and the highest version seen from each device.
 */
export const LessonProgressView = v.object({
  lesson_id: Id,
  course_id: Id,
  position_seconds: v.number(),
  completed: v.boolean(),
  completed_at: v.nullable(Timestamp),
  versions: v.record(v.string(), v.number()),
});
export type LessonProgressView = v.InferOutput<typeof LessonProgressView>;

export const CourseProgressView = v.object({
  course_id: Id,
  completed_lessons: v.number(),
  completed_at: v.nullable(Timestamp),
  lessons: v.array(LessonProgressView),
});
export type CourseProgressView = v.InferOutput<typeof CourseProgressView>;
