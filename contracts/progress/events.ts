import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/** A lesson completed for the first time, from whichever device (completing it again is no news). */
export const LessonCompleted = defineEvent({
  type: "progress.lesson_completed",
  owner: "progress",
  payload: v.object({ user_id: Id, lesson_id: Id, course_id: Id, completed_at: Timestamp }),
});

/** Every lesson of a course completed: published once per user and course. */
export const CourseCompleted = defineEvent({
  type: "progress.course_completed",
  owner: "progress",
  payload: v.object({ user_id: Id, course_id: Id, completed_at: Timestamp }),
});
