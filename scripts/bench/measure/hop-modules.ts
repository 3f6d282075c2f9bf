import { Hono } from "hono";
import * as v from "valibot";
import { defineEvent } from "../../../contracts/define.ts";
import { defineModule, on } from "../../../runtime/module.ts";

/** The event of the hop metric: published by `source`, consumed by `sink` (bench-only modules, never the shop's). */
export const Hopped = defineEvent({ type: "bench.hopped", owner: "source", payload: v.object({ n: v.number() }) });

export const sourceModule = defineModule({
  name: "source",
  version: "1.0.0",
  resources: [],
  entities: [],
  publishes: [Hopped],
  calls: [],
  events: [],
  routes: () => new Hono(),
});

/** A subscriber with an inbox, as the shop's are: its (empty) transaction records the message id, then it reports. */
export const sinkModule = (handled: (n: number) => void) =>
  defineModule({
    name: "sink",
    version: "1.0.0",
    resources: [],
    entities: [],
    publishes: [],
    calls: [],
    events: [
      on(Hopped, async (payload, ctx) => {
        await ctx.transaction(async () => {});
        handled(payload.n);
      }),
    ],
    routes: () => new Hono(),
  });
