import { ProxySpecError } from "./errors.ts";
import { definitionOf, type Toxic, toxicDefinitions } from "./registry.ts";
import { type Stream, streams } from "./toxic.ts";

/** What a proxy is told to do: be up or down, and the toxics on its connections. */
export interface ProxyFaults {
  readonly enabled: boolean;
  readonly toxics: readonly Toxic[];
}

/** A toxic as the control API receives it (Toxiproxy's JSON): everything but the type may be left out. */
export interface ToxicInput {
  readonly name?: string;
  readonly type: string;
  readonly stream?: string;
  readonly toxicity?: number;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

const DOWN = "down";
const DEFAULT_STREAM: Stream = "downstream";
const PART = /^(?:([a-z]+):)?([a-z_]+)(?:=([^@]*))?(?:@(.*))?$/;
const FORM = "[upstream:|downstream:]<toxic>[=<value>][@<toxicity 0..1>], or down";
const known = (): string => [...toxicDefinitions.map((d) => d.syntax), DOWN].join(", ");

/**
 * Reads the written form: comma-separated parts, each a toxic (`latency=200±50`, `upstream:reset_peer=100@0.5`)
 * or `down` (the proxy disabled). Toxics are named `<type>_<stream>`, as Toxiproxy names them by default; a
 * later part replaces an earlier one of the same name. Anything it cannot read is a ProxySpecError naming the part.
 */
export function parseFaults(written: string): ProxyFaults {
  const toxics = new Map<string, Toxic>();
  let enabled = true;
  for (const part of written.split(",").map((p) => p.trim())) {
    if (part === "") continue;
    if (part === DOWN) {
      enabled = false;
      continue;
    }
    const toxic = parseToxic(part);
    toxics.delete(toxic.name);
    toxics.set(toxic.name, toxic);
  }
  return { enabled, toxics: [...toxics.values()] };
}

/** The written form, read back by parseFaults to the same faults (a toxic's name aside, when it is not the default). */
export function formatFaults(faults: ProxyFaults): string {
  return [...faults.toxics.map(formatToxic), ...(faults.enabled ? [] : [DOWN])].join(",");
}

/** One toxic in its written form: `[<stream>:]<type>[=<value>][@<toxicity>]`. */
export function parseToxic(part: string): Toxic {
  const match = PART.exec(part);
  if (!match) throw new ProxySpecError(part, `a fault is written ${FORM}`);
  const [, stream = DEFAULT_STREAM, type = "", value, toxicity] = match;
  if (!isStream(stream)) throw new ProxySpecError(part, `"${stream}" is neither ${streams.join(" nor ")}`);
  const definition = definitionOf(type);
  if (!definition) throw new ProxySpecError(part, `no toxic "${type}"; known: ${known()}`);
  const attributes = definition.read(value);
  if (!attributes) throw new ProxySpecError(part, `${type} is written ${definition.syntax}`);
  const chance = toxicity === undefined ? 1 : Number(toxicity);
  if (toxicity?.trim() === "" || !isToxicity(chance)) throw new ProxySpecError(part, "a toxicity (after @) is a number from 0 to 1");
  return { name: `${type}_${stream}`, type, stream, toxicity: chance, attributes } as Toxic;
}

/** A toxic from the control API's JSON: unknown types, streams and attributes and out-of-range values are ProxySpecErrors naming the field. */
export function toxicFrom(input: ToxicInput): Toxic {
  const definition = definitionOf(input.type);
  if (!definition) throw new ProxySpecError("type", `no toxic "${input.type}"; known: ${toxicDefinitions.map((d) => d.type).join(", ")}`);
  const stream = input.stream ?? DEFAULT_STREAM;
  if (!isStream(stream)) throw new ProxySpecError("stream", `"${stream}" is neither ${streams.join(" nor ")}`);
  const toxicity = input.toxicity ?? 1;
  if (!isToxicity(toxicity)) throw new ProxySpecError("toxicity", "a toxicity is a number from 0 to 1");
  const given = input.attributes ?? {};
  for (const [key, value] of Object.entries(given)) {
    const names = Object.keys(definition.defaults);
    if (!names.includes(key)) throw new ProxySpecError(`attributes.${key}`, `${input.type} has no attribute ${key}; it has ${names.join(", ")}`);
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ProxySpecError(`attributes.${key}`, "an attribute is a whole number ≥ 0");
  }
  const attributes = { ...definition.defaults, ...given };
  return { name: input.name ?? `${input.type}_${stream}`, type: input.type, stream, toxicity, attributes } as Toxic;
}

function formatToxic(toxic: Toxic): string {
  const value = definitionOf(toxic.type)?.write(toxic.attributes);
  const stream = toxic.stream === DEFAULT_STREAM ? "" : `${toxic.stream}:`;
  return `${stream}${toxic.type}${value === undefined ? "" : `=${value}`}${toxic.toxicity === 1 ? "" : `@${toxic.toxicity}`}`;
}

const isStream = (stream: string): stream is Stream => (streams as readonly string[]).includes(stream);
const isToxicity = (toxicity: number): boolean => Number.isFinite(toxicity) && toxicity >= 0 && toxicity <= 1;
