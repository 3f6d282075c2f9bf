import type { EntityManager } from "@mikro-orm/postgresql";
import { GetLessonAccess } from "../../contracts/courses/calls.ts";
import type { SessionView } from "../../contracts/tutor/api.ts";
import { TutorSessionCompleted } from "../../contracts/tutor/events.ts";
import { AppError, newId, type Tx } from "../../runtime/module-api/index.ts";
import { TutorMessage, TutorSession } from "./entities.ts";
import type { TutorContext } from "./settings.ts";
import { toSessionView } from "./views.ts";

/** The learner's own session; anyone else's is as absent as one that does not exist. */
export async function ownSession(em: EntityManager, userId: string, sessionId: string): Promise<TutorSession> {
  const session = await em.findOne(TutorSession, { id: sessionId, userId });
  if (!session) throw new AppError("tutor_session_not_found", "no such tutoring session");
  return session;
}

/** Its turns in the order they were stored (ids are time-ordered, so turns stored in the same millisecond keep theirs). */
export const turnsOf = (em: EntityManager, sessionId: string): Promise<TutorMessage[]> =>
  em.find(TutorMessage, { sessionId }, { orderBy: { createdAt: "asc", id: "asc" } });

export async function readSession(ctx: TutorContext, userId: string, sessionId: string): Promise<SessionView> {
  return ctx.db.snapshot(async (em) => {
    const session = await ownSession(em, userId, sessionId);
    return toSessionView(session, await turnsOf(em, session.id));
  });
}

/** A session of a lesson of a course the learner is enrolled in, which courses says, asked before the transaction. */
export async function startSession(ctx: TutorContext, userId: string, lessonId: string): Promise<SessionView> {
  const access = await ctx.call(GetLessonAccess, { user_id: userId, lesson_id: lessonId });
  if (!access.enrolled) throw new AppError("not_enrolled", "enrol in the lesson's course before a tutoring session of it");
  const session = await ctx.db.transaction(async ({ em }) =>
    em.create(TutorSession, {
      id: newId(),
      userId,
      lessonId,
      courseId: access.course_id,
      status: "open",
      startedAt: ctx.clock.now(),
      completedAt: null,
    }),
  );
  return toSessionView(session, []);
}

/** Publishes tutor.session_completed for a session (in the caller's transaction). */
export const announceCompleted = (tx: Tx, session: TutorSession, at: Date): void => {
  tx.publish(TutorSessionCompleted, {
    session_id: session.id,
    user_id: session.userId,
    lesson_id: session.lessonId,
    course_id: session.courseId,
    completed_at: at.toISOString(),
  });
};

/**
 * Completes the session once: only the request whose update moved it from open publishes the event progress
 * records the lesson from (through the outbox, so a progress that is down meanwhile loses nothing); completing
 * again answers the completed session. Needs no model: a provider that is down never keeps a learner's progress.
 */
export async function completeSession(ctx: TutorContext, userId: string, sessionId: string): Promise<SessionView> {
  return ctx.db.transaction(async (tx) => {
    const at = ctx.clock.now();
    const moved = await tx.em.execute(
      `update "ai-tutor"."sessions" set status = 'completed', completed_at = ? where id = ? and user_id = ? and status = 'open' returning id`,
      [at, sessionId, userId],
    );
    const session = await ownSession(tx.em, userId, sessionId);
    if (moved.length > 0) announceCompleted(tx, session, at);
    return toSessionView(session, await turnsOf(tx.em, session.id));
  });
}
