import * as v from "valibot";
import { defineCall } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/**
 * Has this user completed every lesson of this course? Exams asks before a learner starts the course's exam. A
 * course nothing was reported of is not completed (no lessons counted), never an error.
 */
export const GetCourseCompletion = defineCall({
  name: "progress.course_completion",
  owner: "progress",
  request: v.object({ user_id: Id, course_id: Id }),
  reply: v.object({ user_id: Id, course_id: Id, completed_lessons: v.number(), completed: v.boolean(), completed_at: v.nullable(Timestamp) }),
  retrySafe: true,
});
