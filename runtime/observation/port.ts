import type { ErrorBody } from "../../contracts/errors.ts";
import type { DeadLetter } from "../bus/transport.ts";
import type { AdvancingClock, ClockCommand } from "../clock.ts";
import type { IdleReport } from "./activity.ts";
import type { TappedEvent } from "./event-tap.ts";
import type { TraceEntry } from "./trace-entry.ts";

/**
 * What the harness may read from, and do to, a running process or a whole topology: the observation port.
 * One process answers it from what it observes of itself (local.ts); the split gateway answers for the
 * topology by fanning out to every service's port (fan-out.ts). Served only when the harness turns it on.
 */
export interface ObservationPort {
  events(after: number, waitMs: number): Promise<TappedEvent[]>;
  idle(): Promise<IdleReport>;
  sql(module: string, query: string, params: readonly unknown[]): Promise<unknown[]>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Delivers a tapped event to its subscribers once more, as the wire may (at-least-once). */
  redeliver(eventId: string): Promise<void>;
  /** What every process recorded for conversations whose correlation id starts with `prefix`. */
  trace(prefix: string): Promise<TraceEntry[]>;
  /** Every row one module owns. */
  state(module: string): Promise<Record<string, unknown[]>>;
  /** Puts a module into a named provider state (contract verification). */
  providerState(module: string, state: string, params: Readonly<Record<string, string | number | boolean>>): Promise<void>;
  /** Makes a call as module `from` would, through this topology's real bus; answers the reply or the error. */
  call(from: string, name: string, request: unknown): Promise<{ reply: unknown } | { error: ErrorBody["error"] }>;
  /** Freezes, advances or releases the clock of every process (runtime/clock.ts); answers this process's clock. */
  clock(command: ClockCommand): Promise<ReturnType<AdvancingClock["state"]>>;
  /**
   * Replaces the faults added at run time in every process (written form, runtime/bus/faults/; "" removes
   * them), on top of each process's own; answers the faults then in force (this process's, written).
   */
  faults(added: string): Promise<{ faults: string }>;
}
