import { type Clock, clock as runtimeClock } from "../../clock.ts";
import { AppError } from "../../errors.ts";

type CircuitState = "closed" | "open" | "half_open";

/** What a circuit looks like from outside, for readiness and traces (snake_case, as every JSON body). */
export interface CircuitView {
  readonly state: CircuitState;
  readonly consecutive_failures: number;
  /** While open: when it lets a probe through. */
  readonly probe_at?: string;
}

/** Leave to send one call; the outcome is reported back on it. */
export interface Permit {
  readonly generation: number;
  readonly probe: boolean;
}

interface BreakerOptions {
  readonly caller: string;
  readonly callee: string;
  readonly failures: number;
  readonly cooldownMs: number;
  readonly clock?: Clock;
}

/**
 * One caller's circuit to one callee. Closed, it counts unanswered calls in a row and opens at `failures`;
 * open, it refuses every call with circuit_open without sending it; once `cooldownMs` of the runtime clock has
 * passed it is half-open: one call goes through as a probe (the others still fail fast), and its answer
 * closes the circuit or its failure opens it again for another cooldown.
 *
 * Our own state machine rather than cockatiel's CircuitBreakerPolicy (4.0.0): that one reads Date.now() for
 * its half-open timing, so neither a frozen nor an advanced runtime clock moves it, and in half-open it holds
 * the other callers waiting on the probe's outcome instead of failing them fast.
 */
export class CircuitBreaker {
  private state: "closed" | "open" | "probing" = "closed";
  private failures = 0;
  private openedAt = 0;
  /** Bumped on every change of state: an outcome from a call admitted before it no longer counts. */
  private generation = 0;
  private readonly clock: Clock;

  constructor(private readonly options: BreakerOptions) {
    this.clock = options.clock ?? runtimeClock;
  }

  /** Lets a call through, or throws circuit_open while the circuit is open or its probe is out. */
  admit(): Permit {
    if (this.state === "closed") return { generation: this.generation, probe: false };
    const refused = this.refusal();
    if (refused) throw refused;
    this.move("probing");
    return { generation: this.generation, probe: true };
  }

  /** The error a call would be refused with now, without admitting one: undefined when closed or due for a probe. */
  refusal(): AppError | undefined {
    if (this.state === "closed" || (this.state === "open" && this.clock.nowMs() >= this.probeAt())) return undefined;
    const { caller, callee } = this.options;
    const waiting = this.state === "probing" ? "a probe is out" : `until ${new Date(this.probeAt()).toISOString()}`;
    return new AppError(
      "circuit_open",
      `${callee} left ${caller}'s calls unanswered ${this.options.failures} times in a row; failing fast, ${waiting}`,
      { caller, callee },
    );
  }

  /** The callee answered (with a reply or an error of its own): the circuit closes. */
  succeeded(permit: Permit): void {
    if (permit.generation !== this.generation) return;
    if (this.state === "probing") this.move("closed");
    this.failures = 0;
  }

  /** The callee did not answer: counts toward opening, or reopens after a failed probe. */
  failed(permit: Permit): void {
    if (permit.generation !== this.generation) return;
    this.failures++;
    if (this.state === "probing" || this.failures >= this.options.failures) this.open();
  }

  view(): CircuitView {
    if (this.state === "closed") return { state: "closed", consecutive_failures: this.failures };
    if (this.state === "probing" || this.clock.nowMs() >= this.probeAt()) return { state: "half_open", consecutive_failures: this.failures };
    return { state: "open", consecutive_failures: this.failures, probe_at: new Date(this.probeAt()).toISOString() };
  }

  private open(): void {
    this.openedAt = this.clock.nowMs();
    this.move("open");
  }

  private move(state: "closed" | "open" | "probing"): void {
    this.state = state;
    this.generation++;
    if (state === "closed") this.failures = 0;
  }

  private probeAt(): number {
    return this.openedAt + this.options.cooldownMs;
  }
}
