import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** A course's one exam (the unique course id says so), with the course's title as it was when the exam was written. */
export const Exam = defineEntity({
  name: "Exam",
  tableName: "exams",
  schema: "exams",
  properties: {
    id: p.string().primary(),
    courseId: p.string().unique(),
    courseTitle: p.string(),
    title: p.string(),
    passMark: p.integer(),
    timeLimitSeconds: p.integer(),
    createdAt: p.datetime(),
  },
});
export type Exam = InferEntity<typeof Exam>;

/** One question of an exam, in order; `answer` is the index of the right choice and never leaves the module. */
export const Question = defineEntity({
  name: "Question",
  tableName: "questions",
  schema: "exams",
  properties: {
    id: p.string().primary(),
    examId: p.string().index(),
    position: p.integer(),
    text: p.text(),
    choices: p.json<string[]>(),
    answer: p.integer(),
  },
});
export type Question = InferEntity<typeof Question>;

/**
 * A learner's timed attempt. `openKey` is `<user>:<exam>` while the session is open and null once graded: its
 * unique index allows one open session per learner and exam, however many start at once, and any number of
 * graded ones. Every change to a session locks its row first, so an answer and its grading never interleave.
 */
export const ExamSession = defineEntity({
  name: "ExamSession",
  tableName: "sessions",
  schema: "exams",
  properties: {
    id: p.string().primary(),
    examId: p.string().index(),
    courseId: p.string(),
    userId: p.string().index(),
    openKey: p.string().nullable().unique(),
    status: p.string(),
    startedAt: p.datetime(),
    deadline: p.datetime().index(),
    gradedAt: p.datetime().nullable(),
    gradedBy: p.string().nullable(),
    score: p.integer().nullable(),
    passed: p.boolean().nullable(),
    /** The conversation that started it: a grading by the sweep, however late, is told as part of it. */
    correlationId: p.string().nullable(),
  },
});
export type ExamSession = InferEntity<typeof ExamSession>;

/** A session's answer to one question: one row per question, changed while the session is open. */
export const Answer = defineEntity({
  name: "Answer",
  tableName: "answers",
  schema: "exams",
  properties: {
    sessionId: p.string().primary(),
    questionId: p.string().primary(),
    choice: p.integer(),
    answeredAt: p.datetime(),
  },
});
export type Answer = InferEntity<typeof Answer>;
