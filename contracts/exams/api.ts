import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));
const Whole = (min: number, max: number) => v.pipe(v.number(), v.integer("must be an integer"), v.minValue(min), v.maxValue(max));

/** A choice's position in its question's list of choices, from 0. */
const ChoiceIndex = Whole(0, 9);

const QuestionInput = v.pipe(
  v.object({ text: Text(1000), choices: v.pipe(v.array(Text(500)), v.minLength(2), v.maxLength(10)), answer: ChoiceIndex }),
  v.forward(
    v.check((q) => q.answer < q.choices.length, "must be the index of one of the choices"),
    ["answer"],
  ),
);

/**
 * Operator API: a course's one exam. `pass_mark` is the share of questions a learner must answer right, in
 * percent; `time_limit_seconds` how long a session runs from its start, on the runtime's clock.
 */
export const CreateExamBody = v.object({
  course_id: Id,
  title: v.optional(Text(200)),
  pass_mark: Whole(1, 100),
  time_limit_seconds: Whole(10, 86_400),
  questions: v.pipe(v.array(QuestionInput), v.minLength(1), v.maxLength(100)),
});
export type CreateExamBody = v.InferOutput<typeof CreateExamBody>;

/** A question as a learner sees it: never its answer. */
const QuestionView = v.object({ id: Id, position: v.number(), text: v.string(), choices: v.array(v.string()) });

export const ExamView = v.object({
  id: Id,
  course_id: Id,
  course_title: v.string(),
  title: v.string(),
  pass_mark: v.number(),
  time_limit_seconds: v.number(),
  questions: v.array(QuestionView),
  created_at: Timestamp,
});
export type ExamView = v.InferOutput<typeof ExamView>;

export const AnswerBody = v.object({ choice: ChoiceIndex });

export const AnswerView = v.object({ session_id: Id, question_id: Id, choice: v.number(), answered_at: Timestamp });
export type AnswerView = v.InferOutput<typeof AnswerView>;

/** How a session was graded: submitted by the learner, or by the sweep once its deadline passed. */
export const gradedBy = ["submit", "timeout"] as const;

/**
 * A learner's timed attempt at an exam, with its questions and the answers so far: what a client that lost its
 * connection reads to resume, or to learn it was graded meanwhile. The grade fields are null while it is open.
 */
export const SessionView = v.object({
  id: Id,
  exam_id: Id,
  course_id: Id,
  user_id: Id,
  status: v.picklist(["open", "graded"]),
  started_at: Timestamp,
  deadline: Timestamp,
  questions: v.array(QuestionView),
  answers: v.array(AnswerView),
  graded_at: v.nullable(Timestamp),
  graded_by: v.nullable(v.picklist(gradedBy)),
  score: v.nullable(v.number()),
  passed: v.nullable(v.boolean()),
});
export type SessionView = v.InferOutput<typeof SessionView>;
