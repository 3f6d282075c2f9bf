import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/** A graded session: `score` right answers of `question_count`, against a pass mark in percent. */
const Graded = v.object({
  user_id: Id,
  exam_id: Id,
  session_id: Id,
  course_id: Id,
  course_title: v.string(),
  score: v.number(),
  question_count: v.number(),
  pass_mark: v.number(),
  graded_at: Timestamp,
});

/** A session graded at or above its exam's pass mark: once per session, whether submitted or timed out. */
export const ExamPassed = defineEvent({ type: "exam.passed", owner: "exams", payload: Graded });

/** A session graded below its exam's pass mark: once per session. */
export const ExamFailed = defineEvent({ type: "exam.failed", owner: "exams", payload: Graded });
