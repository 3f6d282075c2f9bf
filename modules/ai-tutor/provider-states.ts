import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { TutorSession } from "./entities.ts";
import { announceCompleted } from "./sessions.ts";

/** The states the consumers of tutor.session_completed name. */
export const tutorProviderStates: Record<string, ProviderStateHandler> = {
  /** The session is written completed once under the given id, and announced every time, as its completion announces it. */
  "tutor session has just been completed": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      const at = new Date();
      await tx.em.execute(
        `insert into "ai-tutor"."sessions" (id, user_id, lesson_id, course_id, status, started_at, completed_at)
         values (?, ?, ?, ?, 'completed', ?, ?) on conflict do nothing`,
        [String(params.session_id), String(params.user_id), String(params.lesson_id), String(params.course_id), at, at],
      );
      announceCompleted(tx, await tx.em.findOneOrFail(TutorSession, { id: String(params.session_id) }), at);
    }),
};
