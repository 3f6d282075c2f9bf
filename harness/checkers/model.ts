/**
 * Invariants over histories, Jepsen-style: a system declares what must hold of its state at rest, the harness
 * checks it after every check and once more at the end of each profile's run. Nothing here knows a module:
 * a system's invariants come with the system (the shop's: harness/suites/invariants/).
 */

/** One row of a module's table as the state endpoint reads it: column → value (money and quantities as numbers). */
export type Row = Readonly<Record<string, unknown>>;

/** Every module's rows, table by table. */
export type Tables = Readonly<Record<string, Readonly<Record<string, readonly Row[]>>>>;

/** An event the system published, from the trace of a check's conversations. */
export interface PublishedEvent {
  readonly id: string;
  readonly type: string;
  /** The module that published it: the owner of its contract. */
  readonly publisher: string;
  readonly payload: unknown;
}

/** What an invariant is checked against: the system once idle, and the events published so far. */
export interface SystemState {
  readonly tables: Tables;
  readonly events: readonly PublishedEvent[];
  /** When the state was read (epoch ms): deadlines are judged against it. */
  readonly at: number;
}

/**
 * How an effect went wrong: `lost` (it should have happened and did not: a refund, a notification, a row an
 * event names), `doubled` (it happened more than once), `stuck` (work that should have finished has not).
 */
export type FindingKind = "lost" | "doubled" | "stuck";
export const findingKinds: readonly FindingKind[] = ["lost", "doubled", "stuck"];

/** One violation of an invariant, naming the entity it is about. */
export interface Breach {
  readonly kind: FindingKind;
  /** The module that owns the entity. */
  readonly module: string;
  /** The entity's id (an order, a charge, a product...). */
  readonly entity: string;
  /** What is wrong, in words. */
  readonly problem: string;
}

/** A breach, with the invariant it breaks. */
export interface Finding extends Breach {
  readonly invariant: string;
}

/** A rule a system declares over its own state: every breach it answers is a finding. */
export interface Invariant {
  /** What must hold, as a sentence: "a cancelled order's charges are fully refunded". */
  readonly name: string;
  readonly check: (state: SystemState) => readonly Breach[];
}

/** The reconciliation checker's accounting of one run: every finding of the final state, by kind. */
export type Reconciliation = Readonly<Record<FindingKind, readonly Finding[]>>;
