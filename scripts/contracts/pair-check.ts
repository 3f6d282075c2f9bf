import { runtimeErrorCodes } from "../../contracts/errors.ts";
import { type ModuleDescription, type ProvidedCall, type ProvidedEvent, providedMessage, type UseDescription } from "./description.ts";
import type { FieldMap } from "./fields.ts";
import type { Incompatibility, Party, Rule } from "./findings.ts";
import { checkReads, type FieldProblem } from "./reads-check.ts";
import { checkRequests } from "./request-check.ts";

/**
 * Which message version a consumer is sent. `sends-current`: a provider writes its current version, as it
 * does unless run skewed (can-i-deploy: real deployments). `may-downcast`: a provider that still describes
 * the consumer's version can be run writing it (TWOFOLD_SKEW), so an unbumped consumer is checked against
 * that shape and only warned (comparing revisions, where the deploy order is not known yet).
 */
export type VersionPolicy = "sends-current" | "may-downcast";

export interface UseCheck {
  readonly problems: readonly Incompatibility[];
  readonly notes: readonly string[];
}

const fieldRules: Readonly<Record<FieldProblem["rule"], Rule>> = {
  removed: "field-removed",
  type: "field-type-changed",
  absent: "field-may-be-absent",
  null: "field-may-be-null",
};

const currentFields = (message: ProvidedCall | ProvidedEvent): FieldMap => ("reply" in message ? message.reply : message.payload);
const pastFields = (message: ProvidedCall | ProvidedEvent) => ("reply" in message ? message.pastReplies : message.past);

/** What the consumer is checked against: which of its declarations, which provided shape. */
interface Target {
  readonly reads: FieldMap;
  readonly provided: FieldMap;
  readonly previous?: FieldMap;
  readonly note?: string;
}

function target(
  message: ProvidedCall | ProvidedEvent,
  use: UseDescription,
  consumer: Party,
  provider: Party,
  policy: VersionPolicy,
  previous?: ProvidedCall | ProvidedEvent,
): Target | string {
  const provided = currentFields(message);
  const before = previous && previous.version === message.version ? currentFields(previous) : undefined;
  if (message.version === use.version) return { reads: use.reads, provided, previous: before };
  const understood = use.past.find((p) => p.version === message.version);
  // An older provider: the consumer validates the old shape against its own copy of it, then upcasts.
  if (understood) return { reads: understood.fields, provided, previous: before };
  const downcast = pastFields(message).find((p) => p.version === use.version);
  const sends = `${provider.name}@${provider.version} sends ${use.name} v${message.version}; ${consumer.name}@${consumer.version} understands v${use.understands.join(", v")}`;
  if (policy === "may-downcast" && downcast) {
    return {
      reads: use.reads,
      provided: downcast.fields,
      note: `${sends}: upgrade ${consumer.name} first, or run ${provider.name} with TWOFOLD_SKEW=${provider.name}:${use.version} meanwhile`,
    };
  }
  return downcast ? `${sends} (it can still write v${use.version}: TWOFOLD_SKEW=${provider.name}:${use.version})` : sends;
}

/**
 * Can this consumer, as it is, use what this provider provides? Every field it reads (removed, renamed,
 * retyped, newly optional or nullable), every example request (a newly required field, a retyped one), every
 * error code it expects, and the message version it will be sent.
 */
export function checkUse(
  provider: ModuleDescription,
  consumer: Party,
  use: UseDescription,
  options: { policy: VersionPolicy; previous?: ModuleDescription },
): UseCheck {
  const providerParty = { name: provider.name, version: provider.version };
  const base = { consumer, provider: providerParty, kind: use.kind, use: use.name };
  const message = providedMessage(provider, use);
  if (!message) {
    return {
      problems: [{ ...base, rule: "not-provided", detail: `${provider.name}@${provider.version} provides no ${use.kind} ${use.name}` }],
      notes: [],
    };
  }
  const previous = options.previous ? providedMessage(options.previous, use) : undefined;
  const resolved = target(message, use, consumer, providerParty, options.policy, previous);
  if (typeof resolved === "string") return { problems: [{ ...base, rule: "version-not-understood", detail: resolved }], notes: [] };

  const reads = checkReads(resolved.reads, resolved.provided, resolved.previous);
  const problems: Incompatibility[] = reads.problems.map((p) => ({
    ...base,
    rule: fieldRules[p.rule],
    field: p.field,
    part: use.kind === "call" ? "reply" : "payload",
    detail: p.detail,
  }));
  const notes = [
    ...(resolved.note ? [resolved.note] : []),
    ...reads.unprovided.map(
      (f) => `${consumer.name} reads \`${f}\` of ${use.name} as optional; ${provider.name}@${provider.version} does not provide it`,
    ),
  ];
  if (use.kind === "call" && "request" in message) {
    for (const p of checkRequests(message, use))
      problems.push({ ...base, rule: p.rule, interaction: p.interaction, field: p.field, part: "request", detail: p.detail });
    for (const interaction of use.interactions) {
      if (!("error" in interaction.respond)) continue;
      const code = interaction.respond.error;
      if (message.errors.includes(code) || (runtimeErrorCodes as readonly string[]).includes(code)) continue;
      problems.push({
        ...base,
        rule: "error-code-undeclared",
        interaction: interaction.description,
        detail: `expects the error ${code}, which ${use.name} no longer declares (${message.errors.join(", ") || "none"})`,
      });
    }
  }
  return { problems, notes };
}
