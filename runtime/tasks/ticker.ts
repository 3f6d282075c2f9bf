import type { Logger } from "../log/logger.ts";
import { outsideTrace } from "../telemetry/context.ts";

/**
 * Runs `work` every `intervalMs` and whenever kicked, never two runs at once; kicks during a run coalesce into
 * one more run. The outbox relay and module background tasks (sagas, expiry sweeps) all run on one of these,
 * outside the trace of whoever kicked them.
 */
export class Ticker {
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  get active(): boolean {
    return this.started;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  start(): void {
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.kick();
  }

  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = outsideTrace(this.work)
      .catch((error: unknown) => this.log.error({ err: error, task: this.name }, `${this.name} failed`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops ticking and waits for the run under way. */
  async stop(): Promise<void> {
    this.started = false;
    this.again = false;
    clearInterval(this.timer);
    await this.running;
  }
}
