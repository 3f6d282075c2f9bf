import type { Envelope } from "../../../contracts/envelope.ts";
import { backoffDelay, describeError, isPermanentFailure } from "../delivery.ts";
import type { DeadLetter, DeliveryPolicy, EventReceiver, InlineDispatch } from "../transport.ts";
import { overTheWire, type StrictOptions, seededRandom } from "./strict.ts";

interface Delivery {
  /** Settles once the first attempt has ended, whatever its outcome. */
  readonly first: Promise<void>;
  /** Settles once the delivery succeeded or was dead-lettered. */
  readonly done: Promise<void>;
}

/**
 * Events delivered in process, one queue per subscribing module, with the same retry and dead-letter rules
 * as the BullMQ queues. Memory is not durable, so a dispatch settles only when every delivery has: the outbox
 * keeps the event until then and relays it again after a crash. In strict mode each delivery gets a wire
 * copy, a seeded delay and sometimes a twin (see strict.ts).
 */
export class MemoryEvents {
  private readonly receivers = new Map<string, EventReceiver>();
  private readonly dead: DeadLetter[] = [];
  private readonly random: () => number;
  private stopping = false;
  pending = 0;

  constructor(
    private readonly policy: DeliveryPolicy,
    private readonly strict?: StrictOptions,
  ) {
    this.random = seededRandom(strict?.seed ?? 0);
  }

  consume(module: string, receiver: EventReceiver): void {
    this.receivers.set(module, receiver);
  }

  async dispatch(envelope: Envelope, subscribers: readonly string[]): Promise<void> {
    await this.start(envelope, subscribers).settled;
  }

  /** Starts every delivery and resolves once each first attempt has run; `settled` says when all are done. */
  async dispatchInline(envelope: Envelope, subscribers: readonly string[]): Promise<InlineDispatch> {
    const run = this.start(envelope, subscribers);
    await run.firstAttempts;
    return { settled: run.settled };
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead];
  }

  stop(): void {
    this.stopping = true;
  }

  private start(envelope: Envelope, subscribers: readonly string[]) {
    const deliveries = subscribers.flatMap((subscriber) => {
      const twice = this.strict && this.random() < this.strict.duplicateRate;
      return twice ? [this.deliver(subscriber, envelope), this.deliver(subscriber, envelope)] : [this.deliver(subscriber, envelope)];
    });
    return {
      firstAttempts: Promise.all(deliveries.map((d) => d.first)),
      settled: Promise.all(deliveries.map((d) => d.done)).then(() => {}),
    };
  }

  private deliver(subscriber: string, envelope: Envelope): Delivery {
    let firstEnded!: () => void;
    const first = new Promise<void>((resolve) => (firstEnded = resolve));
    const delayMs = this.strict ? this.random() * this.strict.maxDelayMs : 0;
    const done = this.attempts(subscriber, envelope, delayMs, firstEnded).finally(firstEnded);
    return { first, done };
  }

  private async attempts(subscriber: string, envelope: Envelope, delayMs: number, firstEnded: () => void): Promise<void> {
    const receiver = this.receivers.get(subscriber);
    this.pending++;
    try {
      if (!receiver) return this.bury(subscriber, envelope, 0, `no consumer for ${subscriber} in this process`);
      if (delayMs > 0) await Bun.sleep(delayMs);
      for (let attempt = 1; ; attempt++) {
        try {
          await receiver(this.strict ? overTheWire(envelope) : envelope, { attempt });
          return;
        } catch (error) {
          if (isPermanentFailure(error) || attempt >= this.policy.attempts) {
            return this.bury(subscriber, envelope, attempt, describeError(error));
          }
          // Leave the event in the outbox rather than bury it: the next start relays it again.
          if (this.stopping) throw new Error(`stopped before ${envelope.id} reached ${subscriber}`);
          firstEnded();
          await Bun.sleep(backoffDelay(this.policy, attempt));
        }
      }
    } finally {
      this.pending--;
    }
  }

  private bury(subscriber: string, envelope: Envelope, attempts: number, error: string): void {
    console.error(`[bus] dead letter: ${envelope.type} ${envelope.id} for ${subscriber} after ${attempts} attempt(s): ${error}`);
    this.dead.push({ subscriber, envelope, attempts, error, failedAt: new Date().toISOString() });
  }
}
