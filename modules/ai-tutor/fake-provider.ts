import type * as v from "valibot";
import type { FakeProviderView } from "../../contracts/tutor/api.ts";
import type { ModelProvider, Turn } from "./provider.ts";
import type { TutorContext } from "./settings.ts";

type Mode = v.InferOutput<typeof FakeProviderView>["mode"];

/** The fake's mode, one row in the module's own schema, so every replica of the module degrades at once. */
export async function fakeMode(ctx: TutorContext): Promise<Mode> {
  const [row] = await ctx.db.em().execute<{ mode: Mode }[]>(`select mode from "ai-tutor"."fake_provider" where id = 1`);
  return row?.mode ?? "up";
}

export const setFakeMode = (ctx: TutorContext, mode: Mode): Promise<void> =>
  ctx.db.transaction(async ({ em }) => {
    await em.execute(`insert into "ai-tutor"."fake_provider" (id, mode) values (1, ?) on conflict (id) do update set mode = excluded.mode`, [mode]);
  });

/** The same transcript always gets the same answer: the tutor restates the learner's last question, and counts the turn. */
const fakeAnswer = (lessonId: string, transcript: readonly Turn[]): string => {
  const learner = transcript.filter((t) => t.role === "learner");
  const last = learner.at(-1)?.content ?? "";
  return `Turn ${learner.length} of lesson ${lessonId}: let us work through "${last}" step by step.`;
};

/**
 * The deterministic fake provider, used unless another is plugged in. Its mode is switched at run time
 * (operator API, PUT /tutor/fake-provider): `up` answers at once, `slow` answers after TUTOR_FAKE_SLOW_MS on
 * the runtime clock (past the session's timeout by default), `down` refuses — so the harness can degrade the
 * provider in every topology, and bring it back, as the payments fake is driven by its test tokens.
 */
export const fakeProvider = (ctx: TutorContext): ModelProvider => ({
  reply: async (lessonId, transcript, signal) => {
    const mode = await fakeMode(ctx);
    if (mode === "down") throw new Error("the fake model provider is down");
    if (mode === "slow") await ctx.clock.sleep(ctx.settings.TUTOR_FAKE_SLOW_MS, signal);
    return fakeAnswer(lessonId, transcript);
  },
});
