import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));

/** How long a lesson runs, in whole seconds: at most a day. */
const LessonSeconds = v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1), v.maxValue(86_400));

const LessonInput = v.object({ title: Text(200), duration_seconds: LessonSeconds });
/** One of a course's modules; "section" here, since a module is something else in twofold. */
const SectionInput = v.object({ title: Text(200), lessons: v.pipe(v.array(LessonInput), v.minLength(1), v.maxLength(100)) });

/** Operator API: a course and its whole outline at once, in order. */
export const CreateCourseBody = v.object({
  title: Text(200),
  description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(5000)), ""),
  sections: v.pipe(v.array(SectionInput), v.minLength(1), v.maxLength(50)),
});
export type CreateCourseBody = v.InferOutput<typeof CreateCourseBody>;

const LessonView = v.object({ id: Id, title: v.string(), position: v.number(), duration_seconds: v.number() });
const SectionView = v.object({ id: Id, title: v.string(), position: v.number(), lessons: v.array(LessonView) });

export const CourseSummary = v.object({ id: Id, title: v.string(), description: v.string(), lesson_count: v.number(), created_at: Timestamp });
export type CourseSummary = v.InferOutput<typeof CourseSummary>;

export const CourseView = v.object({ ...CourseSummary.entries, sections: v.array(SectionView) });
export type CourseView = v.InferOutput<typeof CourseView>;

export const CourseList = v.object({ courses: v.array(CourseSummary) });

export const EnrolmentView = v.object({ course_id: Id, user_id: Id, course_title: v.string(), enrolled_at: Timestamp });
export type EnrolmentView = v.InferOutput<typeof EnrolmentView>;

export const EnrolmentList = v.object({ enrolments: v.array(EnrolmentView) });
