import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/** A user's first enrolment in a course (enrolling again is no news, so it is published once). */
export const CourseEnrolled = defineEvent({
  type: "course.enrolled",
  owner: "courses",
  payload: v.object({ user_id: Id, course_id: Id, course_title: v.string(), enrolled_at: Timestamp }),
});
