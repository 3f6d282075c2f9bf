import type { FieldMap } from "./fields.ts";

/** Bumped when the JSON shape changes incompatibly; exports of another format are refused, not misread. */
export const DESCRIPTION_FORMAT = "twofold-contracts/1";

/** An older shape of a reply or payload that is still understood. */
export interface PastShape {
  readonly version: number;
  readonly fields: FieldMap;
}

export interface ProvidedCall {
  readonly name: string;
  readonly version: number;
  readonly request: FieldMap;
  /** Request fields every caller must send. */
  readonly required: readonly string[];
  readonly reply: FieldMap;
  readonly pastReplies: readonly PastShape[];
  readonly errors: readonly string[];
}

export interface ProvidedEvent {
  readonly type: string;
  readonly version: number;
  readonly payload: FieldMap;
  readonly past: readonly PastShape[];
}

export interface StateDescription {
  readonly name: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

export interface CallInteractionDescription {
  readonly description: string;
  readonly given: StateDescription;
  readonly request: unknown;
  readonly respond: { readonly reply: unknown } | { readonly error: string };
}

export interface EventInteractionDescription {
  readonly description: string;
  readonly given: StateDescription;
  readonly example: unknown;
}

interface UseCommon {
  readonly provider: string;
  readonly name: string;
  /** The contract version the consumer was built against… */
  readonly version: number;
  /** …and every version it can read (the current one and the past ones it upcasts). */
  readonly understands: readonly number[];
  readonly reads: FieldMap;
  /** The consumer's own copy of the past shapes it upcasts, which it validates older messages against. */
  readonly past: readonly PastShape[];
}

export interface CallUseDescription extends UseCommon {
  readonly kind: "call";
  readonly interactions: readonly CallInteractionDescription[];
}

export interface EventUseDescription extends UseCommon {
  readonly kind: "event";
  readonly interactions: readonly EventInteractionDescription[];
}

export type UseDescription = CallUseDescription | EventUseDescription;

/** One module at one version: what it provides and what it consumes. Also a broker snapshot's content. */
export interface ModuleDescription {
  readonly name: string;
  readonly version: string;
  readonly calls: readonly ProvidedCall[];
  readonly events: readonly ProvidedEvent[];
  readonly consumes: readonly UseDescription[];
}

export interface SystemDescription {
  readonly format: typeof DESCRIPTION_FORMAT;
  readonly modules: readonly ModuleDescription[];
}

/** What a consumer relies on: a call's reply or an event's payload, and the provided thing it is answered by. */
export const providedMessage = (provider: ModuleDescription, use: UseDescription): ProvidedCall | ProvidedEvent | undefined =>
  use.kind === "call" ? provider.calls.find((c) => c.name === use.name) : provider.events.find((e) => e.type === use.name);
