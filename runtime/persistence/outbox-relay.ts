import type { Envelope } from "../../contracts/envelope.ts";
import type { Bus } from "../bus/bus.ts";
import { describeError } from "../bus/delivery.ts";
import type { Clock } from "../clock.ts";
import { conversationFields } from "../log/conversation.ts";
import type { Logger } from "../log/logger.ts";
import { Ticker } from "../tasks/ticker.ts";
import { outboxEntity } from "./messages.ts";
import type { ModuleDb } from "./module-db.ts";

const BATCH = 100;
/**
 * How long a row another instance of the module wrote is left to it: replicas share the module's outbox, and
 * the instance that committed an event relays it itself at once, so a sweep that took it too would publish it
 * twice. Past this, its writer is taken to have died before relaying it, and any instance relays it.
 */
const OTHERS_GRACE_MS = 1000;

/** How far a module's relay is behind: events committed and not yet accepted by the transport, and the oldest one's wait. */
export interface OutboxLag {
  readonly module: string;
  readonly pending: number;
  /** 0 when nothing waits. */
  readonly oldestAgeMs: number;
}

/**
 * Moves committed events from a module's outbox onto the bus. A commit kicks it at once; a periodic sweep
 * picks up what a crash or an unreachable broker left behind. A row is deleted only after the transport
 * has accepted the event, so delivery is at least once and consumers deduplicate through their inbox.
 * Each instance hosting the module runs one; a row is relayed by the instance that wrote it, or by any once it
 * has waited OTHERS_GRACE_MS.
 */
export class OutboxRelay {
  private readonly outbox: ReturnType<typeof outboxEntity>;
  private readonly inFlight = new Set<string>();
  /** Rows this instance committed and has not relayed yet: its own, relayed at once whatever their age. */
  private readonly mine = new Set<string>();
  /** The module's clock, on which its rows' created_at was written (a skewed module's own). */
  private readonly clock: Clock;
  /**
   * Rows relayed and deleted since the current pass began: its read may have seen them before the delete, and
   * they are no longer in flight, so without this a pass would relay an event a second time.
   */
  private readonly relayedDuringPass = new Set<string>();
  private readonly ticker: Ticker;
  private lastError = "";
  private backlog = false;

  constructor(
    private readonly db: ModuleDb,
    private readonly bus: Bus,
    sweepMs: number,
    private readonly log: Logger,
  ) {
    this.outbox = outboxEntity(db.module);
    this.clock = bus.clockOf(db.module);
    this.ticker = new Ticker(`outbox ${db.module}`, sweepMs, () => this.pass(), log);
  }

  start(): void {
    this.ticker.start();
  }

  /** Relays soon (once started). */
  kick(): void {
    this.ticker.kick();
  }

  /**
   * Called right after a commit with the events it wrote. An inline transport delivers them now (the caller
   * waits for the first attempts; the rows go once every delivery settled); otherwise the relay is kicked.
   */
  async relayNow(envelopes: readonly Envelope[]): Promise<void> {
    for (const envelope of envelopes) this.mine.add(envelope.id);
    if (!this.bus.transport.dispatchInline || !this.ticker.active) return this.kick();
    await Promise.all(
      envelopes.map(async (envelope) => {
        if (this.inFlight.has(envelope.id)) return;
        this.inFlight.add(envelope.id);
        // The commit has happened: whatever goes wrong now, the row stays and the sweep relays it.
        const stays = (error: unknown) =>
          this.log.warn(
            { ...conversationFields(envelope), message_id: envelope.id, type: envelope.type, error: describeError(error) },
            `outbox: ${envelope.type} ${envelope.id} stays for the sweep`,
          );
        try {
          const run = await this.bus.dispatchInline(envelope);
          if (!run) {
            // Not inline this time (a fault touches events): the sweep relays the row the ordinary way.
            this.inFlight.delete(envelope.id);
            this.kick();
            return;
          }
          void run.settled
            .then(() => this.db.em().nativeDelete(this.outbox, { id: envelope.id }))
            .then(() => this.relayed(envelope.id))
            .catch(stays)
            .finally(() => this.inFlight.delete(envelope.id));
        } catch (error) {
          stays(error);
          this.inFlight.delete(envelope.id);
        }
      }),
    );
  }

  /** Stops sweeping and waits for dispatches already under way. */
  async stop(): Promise<void> {
    await this.ticker.stop();
    while (this.inFlight.size > 0) await Bun.sleep(5);
  }

  /** Events committed but not yet accepted by the transport. */
  async pending(): Promise<number> {
    return this.db.em().count(this.outbox, {});
  }

  /** One scan of the outbox (a table that is empty while the relay keeps up), cheap enough for every scrape of /metrics. */
  async lag(): Promise<OutboxLag> {
    const [row] = await this.db
      .em()
      .execute<{ pending: number; oldest: Date | string | null }[]>(
        `select count(*)::int as pending, min(created_at) as oldest from "${this.db.module}"."outbox"`,
      );
    // Written on the runtime clock (the envelope's occurredAt), so aged on it too.
    const oldestAgeMs = row?.oldest ? Math.max(0, this.clock.nowMs() - new Date(row.oldest).getTime()) : 0;
    return { module: this.db.module, pending: Number(row?.pending ?? 0), oldestAgeMs };
  }

  private async pass(): Promise<void> {
    // A row deleted before this point is not read below; one deleted while the read runs is remembered.
    this.relayedDuringPass.clear();
    // Only what this instance wrote before the read began can be missing from it because someone relayed it.
    const mineBefore = [...this.mine];
    const rows = await this.db.em().find(this.outbox, {}, { orderBy: { id: "asc" }, limit: BATCH });
    this.backlog = rows.length === BATCH;
    if (!this.backlog) {
      // The whole outbox was read: a row of its own not in it anymore was relayed by another instance.
      const present = new Set(rows.map((r) => r.id));
      for (const id of mineBefore) if (!present.has(id) && !this.inFlight.has(id)) this.mine.delete(id);
    }
    const othersBefore = this.clock.nowMs() - OTHERS_GRACE_MS;
    const taken: { id: string; envelope: Envelope }[] = [];
    for (const row of rows) {
      if (this.inFlight.has(row.id) || this.relayedDuringPass.has(row.id)) continue;
      if (!this.mine.has(row.id) && row.createdAt.getTime() > othersBefore) continue;
      this.inFlight.add(row.id);
      taken.push(row);
    }
    if (taken.length > 0) {
      void this.relay(taken).finally(() => {
        for (const row of taken) this.inFlight.delete(row.id);
      });
    }
  }

  private relayed(id: string): void {
    this.relayedDuringPass.add(id);
    this.mine.delete(id);
  }

  /**
   * Dispatches a pass's rows, then deletes those the transport accepted in one statement (a backlog after a
   * crash or an outage is a statement per pass, not per row). A row is deleted only after its dispatch, so a
   * crash in between publishes it again: at least once, as ever.
   */
  private async relay(rows: readonly { id: string; envelope: Envelope }[]): Promise<void> {
    const results = await Promise.allSettled(rows.map((row) => this.bus.dispatch(row.envelope)));
    const accepted = rows.filter((_, i) => results[i]?.status === "fulfilled").map((row) => row.id);
    try {
      if (accepted.length > 0) {
        await this.db.em().nativeDelete(this.outbox, { id: { $in: accepted } });
        for (const id of accepted) this.relayed(id);
      }
    } catch (error) {
      this.failed(rows[0]?.envelope, error);
      return;
    }
    const failure = results.findIndex((r) => r.status === "rejected");
    const rejected = results[failure];
    if (rejected?.status === "rejected") this.failed(rows[failure]?.envelope, rejected.reason);
    else this.lastError = "";
    if (this.backlog) this.kick();
  }

  private failed(envelope: Envelope | undefined, error: unknown): void {
    const message = describeError(error);
    if (message !== this.lastError && envelope) {
      this.log.warn(
        { ...conversationFields(envelope), message_id: envelope.id, type: envelope.type, error: message },
        `outbox: relay of ${envelope.type} ${envelope.id} failed, will retry`,
      );
    }
    this.lastError = message;
  }
}
