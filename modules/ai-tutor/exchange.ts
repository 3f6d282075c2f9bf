import type { SessionView } from "../../contracts/tutor/api.ts";
import { AppError, newId } from "../../runtime/module-api/index.ts";
import { TutorMessage } from "./entities.ts";
import type { ModelProvider } from "./provider.ts";
import { ownSession, turnsOf } from "./sessions.ts";
import type { TutorContext } from "./settings.ts";
import { toSessionView } from "./views.ts";

/** The model's answer within TUTOR_REPLY_TIMEOUT_MS of the runtime clock; past it the provider is told to stop. */
async function answerWithin(ctx: TutorContext, ask: (signal: AbortSignal) => Promise<string>): Promise<string> {
  const stop = new AbortController();
  const timeoutMs = ctx.settings.TUTOR_REPLY_TIMEOUT_MS;
  const late = ctx.clock.sleep(timeoutMs, stop.signal).then(() => {
    throw new AppError("tutor_timeout", `the tutor did not answer within ${timeoutMs} ms; your message is kept and answered with the next one`);
  });
  try {
    return await Promise.race([ask(stop.signal), late]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    ctx.log.warn({ reason: error instanceof Error ? error.message : String(error) }, "the model provider failed");
    throw new AppError("tutor_unavailable", "the tutor cannot answer right now; your message is kept and answered with the next one");
  } finally {
    stop.abort(new Error("answered or given up"));
  }
}

/**
 * One exchange: the learner's turn is committed first, then the model is asked, outside any transaction, for
 * an answer to everything unanswered so far. A provider that is slow or down fails the request with
 * tutor_timeout or tutor_unavailable and nothing else: the session stays open, the learner's turn is kept
 * (unanswered), and the next exchange answers it with the rest.
 */
export async function exchange(ctx: TutorContext, provider: ModelProvider, userId: string, sessionId: string, content: string): Promise<SessionView> {
  const asked = await ctx.db.transaction(async ({ em }) => {
    const session = await ownSession(em, userId, sessionId);
    if (session.status !== "open") throw new AppError("tutor_session_completed", "the tutoring session is completed");
    em.create(TutorMessage, { id: newId(), sessionId, role: "learner", content, answered: false, createdAt: ctx.clock.now() });
    return session;
  });
  const transcript = await turnsOf(ctx.db.em(), sessionId);
  const answer = await answerWithin(ctx, (signal) => provider.reply(asked.lessonId, transcript, signal));
  return ctx.db.transaction(async ({ em }) => {
    const pending = transcript.filter((t) => t.role === "learner" && !t.answered).map((t) => t.id);
    await em.nativeUpdate(TutorMessage, { id: { $in: pending } }, { answered: true });
    em.create(TutorMessage, { id: newId(), sessionId, role: "tutor", content: answer, answered: true, createdAt: ctx.clock.now() });
    await em.flush();
    return toSessionView(await ownSession(em, userId, sessionId), await turnsOf(em, sessionId));
  });
}
