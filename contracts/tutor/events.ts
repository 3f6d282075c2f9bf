import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/** A learner completed an AI tutoring session of a lesson: published once per session, whoever completes it twice. */
export const TutorSessionCompleted = defineEvent({
  type: "tutor.session_completed",
  owner: "ai-tutor",
  payload: v.object({ session_id: Id, user_id: Id, lesson_id: Id, course_id: Id, completed_at: Timestamp }),
});
