import type { Envelope } from "../../contracts/envelope.ts";

export interface TappedEvent {
  readonly seq: number;
  readonly envelope: Envelope;
}

const CAPACITY = 20_000;

/**
 * The test tap: a subscriber of every event on the real bus of a topology (in-memory, or its own BullMQ
 * queue when split), enabled only for the harness. Readers page through it by sequence number and may
 * long-poll for what comes next.
 */
export class EventTap {
  private readonly events: TappedEvent[] = [];
  private seq = 0;
  private waiters: (() => void)[] = [];

  record(envelope: Envelope): void {
    this.events.push({ seq: ++this.seq, envelope });
    if (this.events.length > CAPACITY) this.events.splice(0, this.events.length - CAPACITY);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** A tapped event by its id, for the harness to deliver again. */
  find(id: string): Envelope | undefined {
    return this.events.find((e) => e.envelope.id === id)?.envelope;
  }

  /** Events after `after`; waits up to `waitMs` for at least one when there are none yet. */
  async since(after: number, waitMs: number): Promise<TappedEvent[]> {
    if (this.seq <= after && waitMs > 0) {
      await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), Bun.sleep(waitMs)]);
    }
    return this.events.filter((e) => e.seq > after);
  }
}
