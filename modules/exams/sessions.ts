import type { AnswerView, SessionView } from "../../contracts/exams/api.ts";
import { GetCourseCompletion } from "../../contracts/progress/calls.ts";
import { AppError, currentConversation, type ModuleContext, newId, type Tx } from "../../runtime/module-api/index.ts";
import { findExam } from "./authoring.ts";
import { Answer, ExamSession, Question } from "./entities.ts";
import { grade, lockSession, timedOut } from "./grade.ts";
import { toAnswerView, toSessionView } from "./views.ts";

/** The sweep that grades sessions past their deadline (expiry.ts); an answer that comes too late wakes it. */
export const SWEEP = "grade-expired-sessions";

const notFound = () => new AppError("exam_session_not_found", "no such exam session");

/** The learner's own session, as it is now, with its questions and answers so far. */
export async function readSession(ctx: ModuleContext, userId: string, sessionId: string): Promise<SessionView> {
  return ctx.db.snapshot(async (em) => {
    const session = await em.findOne(ExamSession, { id: sessionId, userId });
    if (!session) throw notFound();
    return toSessionView(session, await em.find(Question, { examId: session.examId }), await em.find(Answer, { sessionId }));
  });
}

async function lockOpen(tx: Tx, openKey: string): Promise<ExamSession | undefined> {
  const [row] = await tx.em.execute<{ id: string }[]>(`select id from "exams"."sessions" where open_key = ? for update`, [openKey]);
  return row ? tx.em.findOneOrFail(ExamSession, { id: row.id }) : undefined;
}

/**
 * Starts the learner's session of an exam, once they completed every lesson of its course (progress says so,
 * asked before the transaction). A learner with an open session gets it back instead — how a client that lost
 * its connection resumes — and one whose open session's time ran out before the sweep got to it gets it
 * graded. One open session per learner and exam, however many starts race (the open key); after a pass, none.
 */
export async function startSession(ctx: ModuleContext, userId: string, examId: string): Promise<{ session: SessionView; created: boolean }> {
  const exam = await findExam(ctx, examId);
  const completion = await ctx.call(GetCourseCompletion, { user_id: userId, course_id: exam.courseId });
  if (!completion.completed) throw new AppError("course_not_completed", "complete every lesson of the course before taking its exam");
  const openKey = `${userId}:${examId}`;
  const conversation = currentConversation();
  const started = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const open = await lockOpen(tx, openKey);
    if (open) {
      if (timedOut(open, now)) await grade(tx, open, "timeout", now);
      return { id: open.id, created: false };
    }
    if ((await tx.em.count(ExamSession, { userId, examId, passed: true })) > 0)
      throw new AppError("exam_already_passed", "you passed this exam already");
    const id = newId();
    const inserted = await tx.em.execute(
      `insert into "exams"."sessions" (id, exam_id, course_id, user_id, open_key, status, started_at, deadline, correlation_id)
       values (?, ?, ?, ?, ?, 'open', ?, ?, ?) on conflict (open_key) do nothing returning id`,
      [id, examId, exam.courseId, userId, openKey, now, new Date(now.getTime() + exam.timeLimitSeconds * 1000), conversation?.correlationId ?? null],
    );
    if (inserted.length > 0) return { id, created: true };
    const raced = await lockOpen(tx, openKey);
    if (!raced) throw new AppError("service_unavailable", "another start of this exam is under way: try again");
    return { id: raced.id, created: false };
  });
  return { session: await readSession(ctx, userId, started.id), created: started.created };
}

/**
 * Records the learner's answer to one question of an open session. The same answer again changes nothing (its
 * time stays the first one's); another choice replaces it while the session is open. Past the deadline on the
 * runtime's clock it is refused and not counted, whether or not the sweep graded the session yet (and wakes it).
 */
export async function recordAnswer(ctx: ModuleContext, userId: string, sessionId: string, questionId: string, choice: number): Promise<AnswerView> {
  return ctx.db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session || session.userId !== userId) throw notFound();
    const now = ctx.clock.now();
    if (timedOut(session, now)) {
      if (session.status === "open") ctx.kick(SWEEP);
      throw new AppError("exam_time_up", "the session's time is up: answers are no longer counted", { deadline: session.deadline.toISOString() });
    }
    if (session.status === "graded") throw new AppError("exam_session_graded", "the session was submitted and graded: answers are no longer counted");
    const question = await tx.em.findOne(Question, { id: questionId, examId: session.examId });
    if (!question) throw new AppError("question_not_found", "no such question in this exam");
    if (choice >= question.choices.length)
      throw new AppError("invalid_choice", `the question has ${question.choices.length} choices, numbered from 0`);
    await tx.em.execute(
      `insert into "exams"."answers" (session_id, question_id, choice, answered_at) values (?, ?, ?, ?)
       on conflict (session_id, question_id) do update set choice = excluded.choice, answered_at = excluded.answered_at
       where answers.choice <> excluded.choice`,
      [sessionId, questionId, choice, now],
    );
    return toAnswerView(await tx.em.findOneOrFail(Answer, { sessionId, questionId }));
  });
}

/** Grades the learner's session now; submitting a graded session answers its grade, so a retried submit grades nothing twice. */
export async function submitSession(ctx: ModuleContext, userId: string, sessionId: string): Promise<SessionView> {
  await ctx.db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session || session.userId !== userId) throw notFound();
    if (session.status === "graded") return;
    const now = ctx.clock.now();
    await grade(tx, session, timedOut(session, now) ? "timeout" : "submit", now);
  });
  return readSession(ctx, userId, sessionId);
}
