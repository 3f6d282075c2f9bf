import type { Divergence } from "../report/model.ts";

/**
 * The differences between topologies that are there by design. Each has a reason and a test in
 * known-divergences.test.ts that proves it still exists; a divergence that matches none is a finding and
 * fails the run. `applies` is deliberately narrow: it must not excuse a bug that merely looks similar.
 */
export interface KnownDivergence {
  readonly id: string;
  readonly reason: string;
  readonly applies: (divergence: Divergence) => boolean;
}

/** Checks that race two requests for one thing on purpose (see "race-winner"), as suite (a flow's file) and check (its name). */
export const races: readonly { readonly suite: string; readonly check: string }[] = [
  { suite: "last-unit.flow.yaml", check: "Journey 9: the last unit goes to exactly one of two concurrent checkouts" },
  { suite: "retry-safety.flow.yaml", check: "Journey 7: one Idempotency-Key, sent twice (also at once): one order, one charge, one reservation" },
  { suite: "two-devices.flow.yaml", check: "Journey 6: concurrent edits from two devices lose no update, and logout is per device" },
  {
    suite: "exam-timer-vs-answer.flow.yaml",
    check: "Exam timer against an answer in flight: counted before the grading or refused, never counted after it",
  },
  {
    suite: "exam-timer-vs-answer.flow.yaml",
    check: "Exam submit against an answer in flight: counted before the grading or refused, never counted after it",
  },
];
const isRace = (d: Divergence) => races.some((race) => race.suite === d.suite && race.check === d.check);

const otherStep = (d: Divergence) => String((d.details as { other?: unknown } | undefined)?.other ?? "");

export const knownDivergences: readonly KnownDivergence[] = [
  {
    id: "network-faults-only-on-the-wire",
    reason:
      "An injected network fault (a slow or stopped neighbour) exists only where there is a network. Split answers with a clear 503/504 (a circuit or bulkhead failing fast among them) or a degraded response within its timeout; one process has no network to slow down, so the monolith answers normally.",
    applies: (d) =>
      d.kind === "response" &&
      d.profiles[1] === "split" &&
      /"degraded":true|"code":"(service_unavailable|call_timeout|circuit_open|bulkhead_full)"/.test(otherStep(d)),
  },
  {
    id: "race-winner",
    reason:
      "Two requests race for one thing on purpose (the last unit; one Idempotency-Key sent twice at once; two devices overwriting one cart line with the same ETag; an exam answer against the session's deadline or its submit). Exactly one wins in every topology, and the checks assert that, but which request wins follows arrival order, which no topology fixes; so which response, events and rows carry the win may differ. Only these race checks are excused.",
    applies: (d) => isRace(d) && (d.kind === "response" || d.kind === "events" || d.kind === "state"),
  },
  {
    id: "inline-delivery-in-the-monolith",
    reason:
      "The plain monolith runs an event's subscribers right after the publishing transaction commits, before the request returns (a modular monolith's in-process bus); strict and split deliver later. Suites wait for eventually consistent effects, so this never shows in a correct suite; a caller that assumes it is a finding.",
    applies: () => false,
  },
  {
    id: "in-memory-values-in-the-monolith",
    reason:
      "In the plain monolith a loosely typed payload field keeps its in-memory value (a Date stays a Date, subscribers share one object); strict and split hand each receiver a copy through JSON. Contracts with precise types make this invisible; code relying on it is a finding.",
    applies: () => false,
  },
  {
    id: "at-least-once-delivery",
    reason:
      "Strict and split may deliver an event more than once (strict by seeded duplication, BullMQ after a stalled job or a retry); the plain monolith delivers once. Consumers are idempotent through their inbox, so effects do not differ; a consumer that is not is a finding.",
    applies: () => false,
  },
];

/** Marks the divergences that are known by design; the rest stay findings. */
export const markKnown = (divergences: readonly Divergence[]): Divergence[] =>
  divergences.map((d) => {
    const known = knownDivergences.find((k) => k.applies(d));
    return known ? { ...d, known: { id: known.id, reason: known.reason } } : d;
  });
