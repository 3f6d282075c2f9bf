import { Hono } from "hono";
import * as v from "valibot";
import { FlagDecision, FlagList, FlagView, SetFlagBody } from "../../contracts/flags/api.ts";
import { type FlagName, flagNames, isFlagName } from "../../contracts/flags/flags.ts";
import { Id } from "../../contracts/ids.ts";
import { AppError, endpoint, flagBucket, type ModuleContext, requireOperator, resource, rolloutAdmits } from "../../runtime/module-api/index.ts";
import { readRollout, readRollouts } from "./rollouts.ts";
import { setFlag } from "./set-flag.ts";
import { toFlagView } from "./views.ts";

const NameParam = v.pipe(v.string(), v.maxLength(64));

const known = (name: string): FlagName => {
  if (!isFlagName(name)) throw new AppError("flag_not_found", `no flag "${name}"`, { known: flagNames });
  return name;
};

/** The operator's switchboard: every flag, its rollout, and the change that reaches every process. */
export function flagsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use("/flags", requireOperator(ctx));
  app.use("/flags/*", requireOperator(ctx));
  resource(app, "/flags", {
    GET: endpoint({
      summary: "List the feature flags",
      description: "Every flag of the system with its rollout; one never set is off (version 0, `updated_at` null).",
      responses: { 200: FlagList },
      handle: async (c) => c.json({ flags: (await readRollouts(ctx.db.em())).map(toFlagView) }, 200),
    }),
  });
  resource(app, "/flags/:name", {
    GET: endpoint({
      summary: "Read a feature flag",
      params: { name: NameParam },
      responses: { 200: FlagView },
      errors: ["flag_not_found"],
      handle: async (c, input) => c.json(toFlagView(await readRollout(ctx.db.em(), known(input.param("name")))), 200),
    }),
    PUT: endpoint({
      summary: "Set a feature flag's rollout",
      description:
        "Replaces the rollout: off for everyone while `enabled` is false; else on for the `users` listed and for `percentage` % of the others, by a stable hash of the flag and the user. Every process that reads the flag learns the change from `flag.changed` (at once, or within TWOFOLD_FLAG_REFRESH_MS).",
      params: { name: NameParam },
      body: SetFlagBody,
      responses: { 200: FlagView },
      errors: ["flag_not_found"],
      handle: async (c, input) => {
        const name = known(input.param("name"));
        return c.json(toFlagView(await setFlag(ctx, name, await input.body())), 200);
      },
    }),
  });
  resource(app, "/flags/:name/users/:user_id", {
    GET: endpoint({
      summary: "Decide a feature flag for one user",
      description:
        "The user's bucket of the flag (0–99: SHA-256 of `<flag>:<user id>`, first four bytes big-endian, mod 100) and whether the flag is on for them now.",
      params: { name: NameParam, user_id: Id },
      responses: { 200: FlagDecision },
      errors: ["flag_not_found"],
      handle: async (c, input) => {
        const name = known(input.param("name"));
        const userId = input.param("user_id");
        const { rollout } = await readRollout(ctx.db.em(), name);
        return c.json({ name, user_id: userId, bucket: flagBucket(name, userId), on: rolloutAdmits(rollout, userId) }, 200);
      },
    }),
  });
  return app;
}
