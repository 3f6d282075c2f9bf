import type { TraceRecord } from "../report/model.ts";
import { findingKey, findingsOf, reconciliationOf } from "./check.ts";
import type { Finding, Invariant, PublishedEvent, Reconciliation, Tables } from "./model.ts";

/**
 * The harness's endpoints that put a module into a state by hand rather than through its behaviour: contract
 * verification's provider states, and calls made in a consumer's name. What a check leaves behind that way
 * (a confirmed order no saga ever charged) is not held to the invariants.
 */
const BACK_DOORS = ["/__twofold/provider-state", "/__twofold/call"];

export const isBackDoor = (path: string): boolean => BACK_DOORS.some((door) => path.startsWith(door));

/** The events a trace shows published, once each. */
export const publishedIn = (trace: readonly TraceRecord[]): PublishedEvent[] => [
  ...new Map(
    trace
      .filter((r) => r.kind === "publish" && r.messageId !== undefined)
      .map((r) => [r.messageId as string, { id: r.messageId as string, type: r.name, publisher: r.from, payload: r.payload }]),
  ).values(),
];

/**
 * A system's invariants watched over one profile's run. Each check is held to them once it is idle: its
 * findings are the breaches not seen after an earlier check (a breach is reported once, by the check that
 * made it). A check that used a back door reports nothing, and what it broke is excused from then on.
 */
export class InvariantWatch {
  private readonly events = new Map<string, PublishedEvent>();
  private readonly reported = new Set<string>();
  private readonly excused = new Set<string>();

  constructor(private readonly invariants: readonly Invariant[]) {}

  afterCheck(tables: Tables, events: readonly PublishedEvent[], usedBackDoor: boolean): Finding[] {
    for (const event of events) this.events.set(event.id, event);
    const fresh = this.unexcused(findingsOf(this.invariants, { tables, events, at: Date.now() })).filter((f) => !this.reported.has(findingKey(f)));
    for (const finding of fresh) (usedBackDoor ? this.excused : this.reported).add(findingKey(finding));
    return usedBackDoor ? [] : fresh;
  }

  /**
   * The reconciliation of the run: every breach of the final state and of every event published during the
   * run, by kind; `unreported` are those no check was found with (work that got stuck after its check ended).
   */
  reconcile(tables: Tables): { reconciliation: Reconciliation; unreported: Finding[] } {
    const findings = this.unexcused(findingsOf(this.invariants, { tables, events: [...this.events.values()], at: Date.now() }));
    return { reconciliation: reconciliationOf(findings), unreported: findings.filter((f) => !this.reported.has(findingKey(f))) };
  }

  private unexcused(findings: readonly Finding[]): Finding[] {
    return findings.filter((f) => !this.excused.has(findingKey(f)));
  }
}
