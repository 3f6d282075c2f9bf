import type { Envelope } from "../../../contracts/envelope.ts";
import { backoffDelay, describeError, isPermanentFailure } from "../delivery.ts";
import type { DeadLetter, DeliveryPolicy, EventReceiver } from "../transport.ts";

/**
 * Events delivered in process, one queue per subscribing module, with the same retry and dead-letter rules
 * as the BullMQ queues. Memory is not durable, so `dispatch` settles only when every delivery has: the outbox
 * keeps the event until then and relays it again after a crash.
 */
export class MemoryEvents {
  private readonly receivers = new Map<string, EventReceiver>();
  private readonly dead: DeadLetter[] = [];
  private stopping = false;
  pending = 0;

  constructor(private readonly policy: DeliveryPolicy) {}

  consume(module: string, receiver: EventReceiver): void {
    this.receivers.set(module, receiver);
  }

  async dispatch(envelope: Envelope, subscribers: readonly string[]): Promise<void> {
    await Promise.all(subscribers.map((subscriber) => this.deliver(subscriber, envelope)));
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead];
  }

  stop(): void {
    this.stopping = true;
  }

  private async deliver(subscriber: string, envelope: Envelope): Promise<void> {
    const receiver = this.receivers.get(subscriber);
    this.pending++;
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
