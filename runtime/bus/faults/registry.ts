import { afterResponseFault } from "./after-response.ts";
import { blackholeFault } from "./blackhole.ts";
import { clockSkewFault } from "./clock-skew.ts";
import { copyFault } from "./copy.ts";
import { crashFault } from "./crash.ts";
import { delayFault } from "./delay.ts";
import { downFault } from "./down.ts";
import { dropFault } from "./drop.ts";
import { duplicateFault } from "./duplicate.ts";
import { errorReplyFault } from "./error-reply.ts";
import { latencyFault } from "./latency.ts";
import { loseReplyFault } from "./lose-reply.ts";
import type { FaultDefinition } from "./model.ts";
import { poisonFault } from "./poison.ts";
import { resetFault } from "./reset.ts";

/** Every kind of fault the fault layer honours. A new kind is one definition file and one entry here. */
export const faultDefinitions = [
  latencyFault,
  errorReplyFault,
  blackholeFault,
  loseReplyFault,
  resetFault,
  downFault,
  duplicateFault,
  delayFault,
  dropFault,
  poisonFault,
  crashFault,
  clockSkewFault,
  copyFault,
  afterResponseFault,
] as const;

type SpecOf<D> = D extends FaultDefinition<infer S> ? S : never;

/** One fault, as data. */
export type FaultSpec = SpecOf<(typeof faultDefinitions)[number]>;

/**
 * Named sets of faults, written by name wherever a fault is (`TWOFOLD_FAULTS=strict,duplicate=1`). `strict` is
 * the monolith-strict profile: one process whose bus behaves like the wire — copies, seeded delays that let
 * deliveries finish out of order, seeded duplicates, and a request's events dispatched only after it is
 * answered (so "publish has already been handled" fails on every seed, not on the seeds that lose a race).
 */
export const faultPresets: Readonly<Record<string, string>> = {
  strict: "copy,after-response,delay=40,duplicate=0.2",
};

export const definitionOf = (spec: FaultSpec): FaultDefinition<FaultSpec> =>
  faultDefinitions.find((d) => d.kind === spec.kind) as unknown as FaultDefinition<FaultSpec>;
