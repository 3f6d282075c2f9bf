import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id } from "../ids.ts";

/**
 * Which course is this lesson in, how many lessons has that course, and is this user enrolled in it?
 * Progress asks before it records a device's report.
 */
export const GetLessonAccess = defineCall({
  name: "courses.lesson_access",
  owner: "courses",
  request: v.object({ user_id: Id, lesson_id: Id }),
  reply: v.object({ lesson_id: Id, course_id: Id, course_lessons: v.number(), enrolled: v.boolean() }),
  errors: ["lesson_not_found"],
  retrySafe: true,
});

/** A course's title and size: exams asks when the operator writes a course's exam (a certificate names the course). */
export const GetCourse = defineCall({
  name: "courses.get",
  owner: "courses",
  request: v.object({ course_id: Id }),
  reply: v.object({ course_id: Id, title: v.string(), lesson_count: v.number() }),
  errors: ["course_not_found"],
  retrySafe: true,
});
