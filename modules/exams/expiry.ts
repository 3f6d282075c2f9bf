import { type BackgroundTask, inConversation, newId } from "../../runtime/module-api/index.ts";
import { grade, lockSession, timedOut } from "./grade.ts";
import { SWEEP } from "./sessions.ts";
import type { examsSettings } from "./settings.ts";

const BATCH = 100;

const dueQuery = `from "exams"."sessions" where status = 'open' and deadline <= ?::timestamptz`;

/**
 * Grades the sessions whose deadline passed on the runtime's clock with the answers they have, each in the
 * conversation that started it. A session a submit or a late start graded first is left as it is (its row
 * is locked and read again), so each is graded once.
 */
export const gradeExpiredSessions: BackgroundTask<typeof examsSettings> = {
  name: SWEEP,
  every: (settings) => settings.EXAM_SWEEP_MS,
  run: async (ctx) => {
    for (;;) {
      const due = await ctx.db
        .em()
        .execute<{ id: string; correlation_id: string | null }[]>(`select id, correlation_id ${dueQuery} order by deadline limit ?`, [
          ctx.clock.now().toISOString(),
          BATCH,
        ]);
      for (const row of due) {
        await inConversation({ correlationId: row.correlation_id ?? newId(), causationId: null }, () =>
          ctx.db.transaction(async (tx) => {
            const session = await lockSession(tx, row.id);
            const now = ctx.clock.now();
            if (session?.status === "open" && timedOut(session, now)) await grade(tx, session, "timeout", now);
          }),
        );
      }
      if (due.length < BATCH) return;
    }
  },
  due: async (ctx) => {
    const [row] = await ctx.db.em().execute<{ due: number | string }[]>(`select count(*) as due ${dueQuery}`, [ctx.clock.now().toISOString()]);
    return Number(row?.due ?? 0);
  },
};
