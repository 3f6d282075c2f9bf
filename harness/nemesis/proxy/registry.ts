import type { ToxicDefinition, ToxicOf } from "./toxic.ts";
import { bandwidthToxic } from "./toxics/bandwidth.ts";
import { latencyToxic } from "./toxics/latency.ts";
import { limitDataToxic } from "./toxics/limit-data.ts";
import { resetPeerToxic } from "./toxics/reset-peer.ts";
import { slicerToxic } from "./toxics/slicer.ts";
import { slowCloseToxic } from "./toxics/slow-close.ts";
import { timeoutToxic } from "./toxics/timeout.ts";

/** Every kind of toxic the proxy knows: Toxiproxy's, in the order its README lists them. */
export const toxicDefinitions = [latencyToxic, bandwidthToxic, slowCloseToxic, timeoutToxic, resetPeerToxic, slicerToxic, limitDataToxic] as const;

type Definition = (typeof toxicDefinitions)[number];

type ToxicFrom<D> = D extends ToxicDefinition<infer T, infer A> ? ToxicOf<T, A> : never;

/** One toxic of any kind, as data. */
export type Toxic = ToxicFrom<Definition>;
export type ToxicType = Toxic["type"];

// Method parameters are bivariant, so every definition is one of these; it is how code that runs any toxic sees it.
type AnyDefinition = ToxicDefinition<string, Readonly<Record<string, number>>>;

export const definitionOf = (type: string): AnyDefinition | undefined => toxicDefinitions.find((d) => d.type === type);
