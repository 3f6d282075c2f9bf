import type { CallContract } from "../../../contracts/define.ts";
import { unansweredErrorCodes } from "../../../contracts/errors.ts";
import { type Clock, clock as runtimeClock } from "../../clock.ts";
import { AppError, isAppError } from "../../errors.ts";
import type { CallResilience } from "../observer.ts";
import { nextBackoff } from "./backoff.ts";
import { CircuitBreaker, type CircuitView } from "./breaker.ts";
import { Bulkhead } from "./bulkhead.ts";
import { currentDeadline, timeLeft } from "./deadline.ts";
import type { ResilienceSettings } from "./settings.ts";

/** One callee module as this process sees it: its bulkhead, and each calling module's circuit to it. */
export interface DependencyState {
  readonly in_flight: number;
  readonly max_in_flight: number;
  readonly circuits: Readonly<Record<string, CircuitView>>;
}

const unanswered = (error: unknown): boolean => isAppError(error) && unansweredErrorCodes.includes(error.code);

/**
 * What every call goes through, in every topology, declared once instead of at each call site: a deadline (the
 * call's timeout, never past the deadline of the work that makes it), a bulkhead per callee, a circuit breaker
 * per caller → callee and, for calls their contract marks retry-safe, retries with jittered backoff on no
 * answer, within the deadline. Waits and cool-downs run on the runtime clock.
 */
export class CallPolicies {
  private readonly bulkheads = new Map<string, Bulkhead>();
  private readonly breakers = new Map<string, Map<string, CircuitBreaker>>();

  constructor(
    private readonly settings: ResilienceSettings,
    private readonly clock: Clock = runtimeClock,
    private readonly random: () => number = Math.random,
  ) {}

  /** Runs `send` (one attempt, told the milliseconds it may wait) under the policies of `caller` calling `contract`. */
  async run<T>(caller: string, contract: CallContract, timeoutMs: number, send: (timeLeftMs: number) => Promise<T>): Promise<T> {
    const deadline = Math.min(this.clock.nowMs() + timeoutMs, currentDeadline() ?? Number.POSITIVE_INFINITY);
    let waitMs = this.settings.retryBaseMs;
    for (let attempt = 1; ; attempt++) {
      const left = timeLeft(deadline, this.clock.nowMs());
      if (left === 0) throw new AppError("call_timeout", `${contract.name} was not sent: the deadline it was called under has passed`);
      try {
        return await this.once(caller, contract.owner, () => send(left));
      } catch (error) {
        if (!contract.retrySafe || attempt >= this.settings.retryAttempts || !unanswered(error)) throw error;
        waitMs = nextBackoff(waitMs, this.settings, this.random);
        if (timeLeft(deadline, this.clock.nowMs()) <= waitMs) throw error;
        // A frozen clock wakes a sleeper only when advanced, even one due at once.
        if (waitMs > 0) await this.clock.sleep(waitMs);
      }
    }
  }

  /** Every callee called so far: how many calls wait on it, and each caller's circuit to it. */
  state(): Record<string, DependencyState> {
    const state: Record<string, DependencyState> = {};
    for (const [callee, bulkhead] of this.bulkheads) {
      const circuits = Object.fromEntries([...(this.breakers.get(callee) ?? [])].map(([caller, breaker]) => [caller, breaker.view()]));
      state[callee] = { in_flight: bulkhead.inFlight, max_in_flight: bulkhead.max, circuits };
    }
    return state;
  }

  /**
   * The circuit_open error `caller` would meet calling `callee` now (open and not yet due for a probe), or
   * undefined: for work that should not start when a dependency it will need is known to be failing.
   */
  refusal(caller: string, callee: string): AppError | undefined {
    return this.breakers.get(callee)?.get(caller)?.refusal();
  }

  /** One caller's view of one callee now: its circuit and the calls waiting on the callee (for traces). */
  stateOf(caller: string, callee: string): CallResilience | undefined {
    const bulkhead = this.bulkheads.get(callee);
    const breaker = this.breakers.get(callee)?.get(caller);
    if (!bulkhead || !breaker) return undefined;
    return { circuit: breaker.view().state, inFlight: bulkhead.inFlight };
  }

  private async once<T>(caller: string, callee: string, send: () => Promise<T>): Promise<T> {
    const leave = this.bulkheadOf(callee).enter();
    try {
      const breaker = this.breakerOf(caller, callee);
      const permit = breaker.admit();
      try {
        const result = await send();
        breaker.succeeded(permit);
        return result;
      } catch (error) {
        if (unanswered(error)) breaker.failed(permit);
        else breaker.succeeded(permit);
        throw error;
      }
    } finally {
      leave();
    }
  }

  private bulkheadOf(callee: string): Bulkhead {
    let bulkhead = this.bulkheads.get(callee);
    if (!bulkhead) this.bulkheads.set(callee, (bulkhead = new Bulkhead(callee, this.settings.bulkheadMax)));
    return bulkhead;
  }

  private breakerOf(caller: string, callee: string): CircuitBreaker {
    let byCaller = this.breakers.get(callee);
    if (!byCaller) this.breakers.set(callee, (byCaller = new Map()));
    let breaker = byCaller.get(caller);
    if (!breaker) {
      const { breakerFailures: failures, breakerCooldownMs: cooldownMs } = this.settings;
      byCaller.set(caller, (breaker = new CircuitBreaker({ caller, callee, failures, cooldownMs, clock: this.clock })));
    }
    return breaker;
  }
}
