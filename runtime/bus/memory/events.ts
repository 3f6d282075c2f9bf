import type { Envelope } from "../../../contracts/envelope.ts";
import { conversationFields } from "../../log/conversation.ts";
import type { Logger } from "../../log/logger.ts";
import { backoffDelay, describeError, isPermanentFailure } from "../delivery.ts";
import type { DeadLetter, DeliveryPolicy, EventChannel, EventReceiver, InlineDispatch } from "../transport.ts";

interface Delivery {
  /** Settles once the first attempt has ended, whatever its outcome. */
  readonly first: Promise<void>;
  /** Settles once the delivery succeeded or was dead-lettered. */
  readonly done: Promise<void>;
}

/**
 * Events delivered in process, one queue per subscribing module, with the same retry and dead-letter rules
 * as the BullMQ queues. Memory is not durable, so a dispatch settles only when every delivery has: the outbox
 * keeps the event until then and relays it again after a crash. (Wire-like copies, delays and twins are
 * faults: runtime/bus/faults/.)
 */
export class MemoryEvents implements EventChannel {
  private readonly receivers = new Map<string, EventReceiver>();
  private readonly dead: DeadLetter[] = [];
  private stopping = false;
  private active = 0;

  constructor(
    private readonly policy: DeliveryPolicy,
    private readonly log: Logger,
  ) {}

  consume(module: string, receiver: EventReceiver): void {
    this.receivers.set(module, receiver);
  }

  readonly dispatch = async (envelope: Envelope, subscribers: readonly string[]): Promise<void> => {
    await this.begin(envelope, subscribers).settled;
  };

  /** Starts every delivery and resolves once each first attempt has run; `settled` says when all are done. */
  readonly dispatchInline = async (envelope: Envelope, subscribers: readonly string[]): Promise<InlineDispatch> => {
    const run = this.begin(envelope, subscribers);
    await run.firstAttempts;
    return { settled: run.settled };
  };

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.dead];
  }

  async pending(): Promise<number> {
    return this.active;
  }

  /** Nothing outside this process to depend on. */
  async health(): Promise<Record<string, boolean>> {
    return {};
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    this.stopping = true;
  }

  private begin(envelope: Envelope, subscribers: readonly string[]) {
    const deliveries = subscribers.map((subscriber) => this.deliver(subscriber, envelope));
    return {
      firstAttempts: Promise.all(deliveries.map((d) => d.first)),
      settled: Promise.all(deliveries.map((d) => d.done)).then(() => {}),
    };
  }

  private deliver(subscriber: string, envelope: Envelope): Delivery {
    let firstEnded!: () => void;
    const first = new Promise<void>((resolve) => (firstEnded = resolve));
    const done = this.attempts(subscriber, envelope, firstEnded).finally(firstEnded);
    return { first, done };
  }

  private async attempts(subscriber: string, envelope: Envelope, firstEnded: () => void): Promise<void> {
    const receiver = this.receivers.get(subscriber);
    this.active++;
    try {
      if (!receiver) return this.bury(subscriber, envelope, 0, `no consumer for ${subscriber} in this process`);
      for (let attempt = 1; ; attempt++) {
        try {
          await receiver(envelope, { attempt });
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
      this.active--;
    }
  }

  private bury(subscriber: string, envelope: Envelope, attempts: number, error: string): void {
    this.log.error(
      { ...conversationFields(envelope), message_id: envelope.id, type: envelope.type, subscriber, attempts, error },
      `dead letter: ${envelope.type} for ${subscriber} after ${attempts} attempt(s)`,
    );
    this.dead.push({ subscriber, envelope, attempts, error, failedAt: new Date().toISOString() });
  }
}
