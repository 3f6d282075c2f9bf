import type { gradedBy } from "../../contracts/exams/api.ts";
import { ExamFailed, ExamPassed } from "../../contracts/exams/events.ts";
import type { Tx } from "../../runtime/module-api/index.ts";
import { Answer, Exam, ExamSession, Question } from "./entities.ts";

type GradedBy = (typeof gradedBy)[number];

/**
 * Locks a session's row until the transaction ends and reads it as it is now. Starting, answering, submitting
 * and the timeout sweep all begin here, so they run one after another per session: an answer that got the lock
 * first is counted by the grading after it, one that comes after the grading is refused.
 */
export async function lockSession(tx: Tx, id: string): Promise<ExamSession | undefined> {
  const locked = await tx.em.execute(`select id from "exams"."sessions" where id = ? for update`, [id]);
  return locked.length === 0 ? undefined : tx.em.findOneOrFail(ExamSession, { id });
}

/**
 * Grades a locked open session with the answers it has: the score is its right answers, passed at the exam's
 * pass mark (percent of its questions). The session closes (its open key is released for a retake) and
 * exam.passed or exam.failed is published in the same transaction: once per session, whoever grades it.
 */
export async function grade(tx: Tx, session: ExamSession, by: GradedBy, at: Date): Promise<void> {
  const exam = await tx.em.findOneOrFail(Exam, { id: session.examId });
  const questions = await tx.em.find(Question, { examId: exam.id });
  const answers = await tx.em.find(Answer, { sessionId: session.id });
  const right = new Map(questions.map((q) => [q.id, q.answer]));
  const score = answers.filter((a) => right.get(a.questionId) === a.choice).length;
  const passed = score * 100 >= exam.passMark * questions.length;
  Object.assign(session, { status: "graded", openKey: null, gradedAt: at, gradedBy: by, score, passed });
  tx.publish(passed ? ExamPassed : ExamFailed, {
    user_id: session.userId,
    exam_id: exam.id,
    session_id: session.id,
    course_id: exam.courseId,
    course_title: exam.courseTitle,
    score,
    question_count: questions.length,
    pass_mark: exam.passMark,
    graded_at: at.toISOString(),
  });
}

/** Past its deadline on the runtime's clock: no answer counts any more, and the session is graded as it stands. */
export const timedOut = (session: ExamSession, now: Date): boolean => session.deadline.getTime() <= now.getTime();
