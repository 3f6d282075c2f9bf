import type { AnswerView, ExamView, SessionView } from "../../contracts/exams/api.ts";
import type { Answer, Exam, ExamSession, Question } from "./entities.ts";

const inOrder = (questions: readonly Question[]) => [...questions].sort((a, b) => a.position - b.position);

/** A question as a learner sees it: its answer stays here. */
const toQuestionView = (q: Question) => ({ id: q.id, position: q.position, text: q.text, choices: q.choices });

export const toExamView = (exam: Exam, questions: readonly Question[]): ExamView => ({
  id: exam.id,
  course_id: exam.courseId,
  course_title: exam.courseTitle,
  title: exam.title,
  pass_mark: exam.passMark,
  time_limit_seconds: exam.timeLimitSeconds,
  questions: inOrder(questions).map(toQuestionView),
  created_at: exam.createdAt.toISOString(),
});

export const toAnswerView = (a: Answer): AnswerView => ({
  session_id: a.sessionId,
  question_id: a.questionId,
  choice: a.choice,
  answered_at: a.answeredAt.toISOString(),
});

/** The session with its questions in order and its answers in the questions' order. */
export function toSessionView(session: ExamSession, questions: readonly Question[], answers: readonly Answer[]): SessionView {
  const ordered = inOrder(questions);
  const position = new Map(ordered.map((q, i) => [q.id, i]));
  return {
    id: session.id,
    exam_id: session.examId,
    course_id: session.courseId,
    user_id: session.userId,
    status: session.status === "graded" ? "graded" : "open",
    started_at: session.startedAt.toISOString(),
    deadline: session.deadline.toISOString(),
    questions: ordered.map(toQuestionView),
    answers: [...answers].sort((a, b) => (position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0)).map(toAnswerView),
    graded_at: session.gradedAt?.toISOString() ?? null,
    graded_by: session.gradedBy === "submit" || session.gradedBy === "timeout" ? session.gradedBy : null,
    score: session.score ?? null,
    passed: session.passed ?? null,
  };
}
