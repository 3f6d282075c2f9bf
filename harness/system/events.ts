import type { Envelope } from "../../contracts/envelope.ts";
import type { HttpClient } from "./http.ts";

/**
 * Reads the topology's event tap (a real subscriber on its real bus) from a starting point and waits for
 * events by condition, long-polling instead of sleeping.
 */
export class EventStream {
  private readonly seen: Envelope[] = [];
  private cursor = 0;

  constructor(private readonly http: HttpClient) {}

  /** Skips everything published so far; later waits see only newer events. */
  async fromNow(): Promise<void> {
    await this.pull(0);
    this.seen.length = 0;
  }

  /** Every event seen so far (after `fromNow`) of a type, optionally filtered. */
  async all(type: string, match: (e: Envelope) => boolean = () => true): Promise<Envelope[]> {
    await this.pull(0);
    return this.seen.filter((e) => e.type === type && match(e));
  }

  /** The first event of `type` matching `match`; rejects after `timeoutMs` naming what it waited for. */
  async expect(type: string, match: (e: Envelope) => boolean = () => true, timeoutMs = 10_000): Promise<Envelope> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find((e) => e.type === type && match(e));
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) {
        const types = [...new Set(this.seen.map((e) => e.type))].join(", ") || "none";
        throw new Error(`no ${type} event matched within ${timeoutMs} ms (seen types: ${types})`);
      }
      await this.pull(Math.min(left, 1000));
    }
  }

  /**
   * Reads the events of `type` in order from the `from`-th one seen (after `fromNow`), as a Kafka consumer
   * reads a topic from its offset: waits until `count` of them match or `timeoutMs` passes, and answers the
   * matches (fewer on a timeout) and the offset to read from next.
   */
  async consume(
    type: string,
    from: number,
    count: number,
    match: (e: Envelope) => boolean,
    timeoutMs: number,
  ): Promise<{ events: Envelope[]; next: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const log = this.seen.filter((e) => e.type === type);
      const found: Envelope[] = [];
      let next = from;
      for (; next < log.length && found.length < count; next++) {
        const event = log[next];
        if (event && match(event)) found.push(event);
      }
      const left = deadline - performance.now();
      if (found.length >= count || left <= 0) return { events: found, next };
      await this.pull(Math.min(left, 1000));
    }
  }

  private async pull(waitMs: number): Promise<void> {
    const { status, body } = await this.http.get<{ events: { seq: number; envelope: Envelope }[]; next: number }>(
      `/__twofold/events?after=${this.cursor}&wait=${Math.round(waitMs)}`,
    );
    if (status !== 200) throw new Error(`event tap answered ${status}: is the harness enabled on this topology?`);
    for (const event of body.events) this.seen.push(event.envelope);
    this.cursor = body.next;
  }
}
