/**
 * The one clock business time is read from: deadlines, expiries, backoffs, call timeouts and waits. It runs
 * with the system clock plus an offset that only ever grows, so a harness can move a whole topology forward in
 * time (every process by the same amount) and a checkout timeout or a slow payment takes milliseconds instead of
 * seconds. A harness may also freeze it: then only its advances move time, whatever the machine's load, so a
 * scenario's order of events is the same in every run. Waiting on it (`sleep`) ends once the clock has reached
 * the due time. Only processes started for the harness expose freeze and advance.
 */
export interface Clock {
  /** Milliseconds since the epoch, as business logic should see them. */
  nowMs(): number;
  now(): Date;
  /** Resolves once `ms` of this clock's time has passed; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs `due` once `ms` of this clock's time has passed; the answer cancels it. No promise and no signal: the
   * cheap form for the timeouts a process sets on every call, nearly all of them cancelled.
   */
  schedule(ms: number, due: () => void): () => void;
}

interface Sleeper {
  readonly due: number;
  readonly wake: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

export class AdvancingClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  private readonly sleepers = new Set<Sleeper>();

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => finish(() => reject(signal?.reason));
      const finish = (settle: () => void) => {
        clearTimeout(sleeper.timer);
        this.sleepers.delete(sleeper);
        signal?.removeEventListener("abort", onAbort);
        settle();
      };
      const sleeper: Sleeper = { due: this.nowMs() + ms, wake: () => finish(resolve) };
      this.sleepers.add(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.arm(sleeper);
    });
  }

  schedule(ms: number, due: () => void): () => void {
    const sleeper: Sleeper = {
      due: this.nowMs() + ms,
      wake: () => {
        this.sleepers.delete(sleeper);
        due();
      },
    };
    this.sleepers.add(sleeper);
    this.arm(sleeper);
    return () => {
      clearTimeout(sleeper.timer);
      this.sleepers.delete(sleeper);
    };
  }

  /** Moves this clock forward by `ms` and wakes every sleeper now due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock only moves forward (got ${ms} ms)`);
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    for (const sleeper of [...this.sleepers]) this.check(sleeper);
  }

  /** Stops time where it is: from now on only `advance` moves it. */
  freeze(): void {
    if (this.frozenAt !== undefined) return;
    this.frozenAt = this.nowMs();
    for (const sleeper of this.sleepers) clearTimeout(sleeper.timer);
  }

  /** Lets time run again from where it stands (never backwards). */
  release(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = undefined;
    for (const sleeper of this.sleepers) this.arm(sleeper);
  }

  /** What the harness reads back: how far this clock is ahead of the machine's, and whether it is frozen. */
  state(): { readonly offset_ms: number; readonly frozen: boolean } {
    return { offset_ms: Math.round(this.nowMs() - Date.now()), frozen: this.frozen };
  }

  private check(sleeper: Sleeper): void {
    if (sleeper.due <= this.nowMs()) sleeper.wake();
    else this.arm(sleeper);
  }

  private arm(sleeper: Sleeper): void {
    clearTimeout(sleeper.timer);
    if (this.frozenAt !== undefined) return;
    sleeper.timer = setTimeout(() => this.check(sleeper), Math.max(0, sleeper.due - this.nowMs()));
  }
}

/**
 * A clock that reads `offsetMs()` ahead of another (behind when negative): what a module sees of a process
 * whose clock is skewed (the `clock:` fault). Only the time read is off; a wait of `ms` still takes `ms`.
 */
export class OffsetClock implements Clock {
  constructor(
    private readonly base: Clock,
    private readonly offsetMs: () => number,
  ) {}

  nowMs(): number {
    return this.base.nowMs() + this.offsetMs();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.base.sleep(ms, signal);
  }

  schedule(ms: number, due: () => void): () => void {
    return this.base.schedule(ms, due);
  }
}

/** This process's clock. */
export const clock = new AdvancingClock();

/** A timeout on the clock's time: `signal` aborts with a TimeoutError after `ms`; `clear` cancels it. */
export function clockTimeout(ms: number, source: Clock = clock): { readonly signal: AbortSignal; clear(): void } {
  const timeout = new AbortController();
  const clear = source.schedule(ms, () => timeout.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")));
  return { signal: timeout.signal, clear };
}

/** What a harness asks of a clock: freeze it, move it, let it run again (in that order when combined). */
export interface ClockCommand {
  readonly freeze?: boolean;
  readonly advance_ms?: number;
  readonly release?: boolean;
}

export function applyClockCommand(target: AdvancingClock, command: ClockCommand): ReturnType<AdvancingClock["state"]> {
  if (command.freeze) target.freeze();
  if (command.advance_ms) target.advance(command.advance_ms);
  if (command.release) target.release();
  return target.state();
}
