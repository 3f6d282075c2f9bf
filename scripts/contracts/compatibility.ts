import type { ModuleDescription, SystemDescription, UseDescription } from "./description.ts";
import { diffFields, type FieldChange } from "./field-diff.ts";
import type { FieldMap } from "./fields.ts";
import { type Incompatibility, partyLabel } from "./findings.ts";
import { checkUse, type VersionPolicy } from "./pair-check.ts";

/** A field change of something a module provides, and the consumers that read it (none: it passes). */
export interface MessageChange extends FieldChange {
  readonly provider: string;
  readonly name: string;
  readonly part: "request" | "reply" | "payload";
  readonly readBy: readonly string[];
}

/** A call's reply or an event's payload whose contract version changed, and the older versions still described. */
interface VersionChange {
  readonly provider: string;
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly past: readonly number[];
}

export interface CompatibilityReport {
  readonly compatible: boolean;
  readonly problems: readonly Incompatibility[];
  readonly notes: readonly string[];
  readonly changes: readonly MessageChange[];
  readonly versions: readonly VersionChange[];
}

export interface Revisions {
  readonly before: string;
  readonly after: string;
}

interface Consuming {
  readonly module: ModuleDescription;
  readonly use: UseDescription;
  readonly at: string;
}

const key = (p: Incompatibility) => JSON.stringify([p.rule, partyLabel(p.consumer), partyLabel(p.provider), p.use, p.interaction, p.field, p.detail]);

/** One problem per distinct finding; the revisions whose consumers have it are listed together. */
function merged(problems: readonly Incompatibility[]): Incompatibility[] {
  const byKey = new Map<string, Incompatibility>();
  for (const problem of problems) {
    const seen = byKey.get(key(problem));
    byKey.set(key(problem), seen ? { ...seen, at: [...new Set([...(seen.at ?? []), ...(problem.at ?? [])])] } : problem);
  }
  return [...byKey.values()];
}

/** Does reading `path` (or anything inside it) depend on this field? */
const touches = (reads: FieldMap, field: string) =>
  Object.keys(reads).some((p) => p === field || p.startsWith(`${field}.`) || p.startsWith(`${field}[`) || p.startsWith(`${field}{`));

function changesOf(before: SystemDescription, after: SystemDescription, consuming: readonly Consuming[]): MessageChange[] {
  const changes: MessageChange[] = [];
  const names = new Set([...before.modules, ...after.modules].map((m) => m.name));
  for (const provider of names) {
    const was = before.modules.find((m) => m.name === provider);
    const now = after.modules.find((m) => m.name === provider);
    const users = (kind: "call" | "event", name: string) =>
      consuming.filter((c) => c.use.provider === provider && c.use.kind === kind && c.use.name === name);
    const readers = (kind: "call" | "event", name: string, field: string) => [
      ...new Set(
        users(kind, name)
          .filter((c) => touches(c.use.reads, field))
          .map((c) => partyLabel(c.module)),
      ),
    ];
    const add = (kind: "call" | "event", name: string, part: MessageChange["part"], a: FieldMap, b: FieldMap) => {
      for (const change of diffFields(a, b)) {
        const readBy = part === "request" ? [...new Set(users(kind, name).map((c) => partyLabel(c.module)))] : readers(kind, name, change.field);
        changes.push({ ...change, provider, name, part, readBy });
      }
    };
    for (const name of new Set([...(was?.calls ?? []), ...(now?.calls ?? [])].map((c) => c.name))) {
      const a = was?.calls.find((c) => c.name === name);
      const b = now?.calls.find((c) => c.name === name);
      add("call", name, "request", a?.request ?? {}, b?.request ?? {});
      add("call", name, "reply", a?.reply ?? {}, b?.reply ?? {});
    }
    for (const type of new Set([...(was?.events ?? []), ...(now?.events ?? [])].map((e) => e.type))) {
      add("event", type, "payload", was?.events.find((e) => e.type === type)?.payload ?? {}, now?.events.find((e) => e.type === type)?.payload ?? {});
    }
  }
  return changes;
}

function versionsOf(before: SystemDescription, after: SystemDescription): VersionChange[] {
  return after.modules.flatMap((now) => {
    const was = before.modules.find((m) => m.name === now.name);
    const messages = [
      ...now.calls.map((c) => ({
        name: c.name,
        version: c.version,
        past: c.pastReplies,
        before: was?.calls.find((o) => o.name === c.name)?.version,
      })),
      ...now.events.map((e) => ({ name: e.type, version: e.version, past: e.past, before: was?.events.find((o) => o.type === e.type)?.version })),
    ];
    return messages
      .filter((m) => m.before !== undefined && m.before !== m.version)
      .map((m) => ({ provider: now.name, name: m.name, before: m.before as number, after: m.version, past: m.past.map((p) => p.version) }));
  });
}

/**
 * Compares two descriptions of a system (two git revisions, or any two exports): the providers of `after`
 * must still serve every consumer of either revision — what is deployed now and what will be. A field some
 * consumer reads that is removed, renamed or retyped fails, naming consumer, use and field; so does a request
 * field an example request lacks or mistypes, and an error code a consumer expects that is no longer
 * declared. Additions, and changes nobody reads, pass (they are listed in `changes`).
 */
export function compareDescriptions(
  before: SystemDescription,
  after: SystemDescription,
  revisions: Revisions = { before: "before", after: "after" },
  policy: VersionPolicy = "may-downcast",
): CompatibilityReport {
  const consuming: Consuming[] = [
    ...after.modules.flatMap((module) => module.consumes.map((use) => ({ module, use, at: revisions.after }))),
    ...before.modules.flatMap((module) => module.consumes.map((use) => ({ module, use, at: revisions.before }))),
  ];
  const problems: Incompatibility[] = [];
  const notes = new Set<string>();
  for (const { module, use, at } of consuming) {
    const consumer = { name: module.name, version: module.version };
    const provider = after.modules.find((m) => m.name === use.provider);
    if (!provider) {
      problems.push({
        rule: "not-provided",
        consumer,
        provider: { name: use.provider, version: "-" },
        kind: use.kind,
        use: use.name,
        detail: `${revisions.after} has no module ${use.provider}`,
        at: [at],
      });
      continue;
    }
    const previous = before.modules.find((m) => m.name === use.provider);
    const result = checkUse(provider, consumer, use, { policy, previous });
    problems.push(...result.problems.map((p) => ({ ...p, at: [at] })));
    for (const note of result.notes) notes.add(note);
  }
  const found = merged(problems);
  return {
    compatible: found.length === 0,
    problems: found,
    notes: [...notes],
    changes: changesOf(before, after, consuming),
    versions: versionsOf(before, after),
  };
}
