import { type EntityManager, IsolationLevel, type MikroORM } from "@mikro-orm/postgresql";
import type { EventContract, EventPayload } from "../../contracts/define.ts";
import type { Envelope } from "../../contracts/envelope.ts";
import type { Bus } from "../bus/bus.ts";
import { currentContext, newId, runInContext } from "../bus/context.ts";
import { AppError } from "../errors.ts";
import { IdempotencyStore } from "./idempotency.ts";
import { outboxEntity } from "./messages.ts";

/** What a transaction's work gets: the transactional EntityManager and a way to publish through the outbox. */
export interface Tx {
  readonly em: EntityManager;
  /** Validates the event now; it is stored with the transaction and relayed only if the transaction commits. */
  publish<E extends EventContract>(contract: E, payload: EventPayload<E>): Envelope;
}

/** Thrown inside an inbox transaction when the message was already handled; the runtime treats it as done. */
export class AlreadyHandled extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} was already handled`);
  }
}

/**
 * A module's own database: its ORM, transactions that carry the outbox, and the inbox check for event
 * handlers. Nothing here can reach another module's schema.
 */
export class ModuleDb {
  private readonly outbox: ReturnType<typeof outboxEntity>;
  /** Idempotency keys for requests and calls this module must not repeat (charges, checkouts). */
  readonly idempotency: IdempotencyStore;

  constructor(
    readonly module: string,
    readonly orm: MikroORM,
    private readonly bus: Bus,
    private readonly publishes: ReadonlySet<string>,
    private readonly afterCommit: (envelopes: readonly Envelope[]) => Promise<void>,
    instance: string,
  ) {
    this.outbox = outboxEntity(module);
    this.idempotency = new IdempotencyStore(module, () => this.em(), instance);
  }

  /** A fresh EntityManager for reads outside a transaction. */
  em(): EntityManager {
    return this.orm.em.fork();
  }

  /**
   * Reads in one snapshot (repeatable read, read only): rows another transaction wrote together are seen
   * together, never half before and half after its commit. Nothing may be published or written here.
   */
  snapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const read = () => this.orm.em.fork().transactional(work, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
    return this.bus.tracing ? this.bus.tracing.transaction(this.module, true, read) : read();
  }

  /**
   * Runs `work` in one database transaction. Events it publishes are written to the outbox in that same
   * transaction; with `inbox`, the message id is recorded first and a duplicate aborts with AlreadyHandled.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>, inbox?: Envelope): Promise<T> {
    const pending: Envelope[] = [];
    const context = currentContext() ?? { correlationId: newId(), causationId: null };
    const tracing = this.bus.tracing;
    const transact = () =>
      this.orm.em.fork().transactional(async (em) => {
        if (inbox) await this.recordInbox(em, inbox);
        const value = await work({
          em,
          publish: (contract, payload) => {
            if (!this.publishes.has(contract.type)) {
              throw new AppError("contract_violation", `${this.module} does not declare that it publishes ${contract.type}`);
            }
            const envelope = this.bus.event(this.module, contract, payload);
            pending.push(envelope);
            return envelope;
          },
        });
        for (const envelope of pending) {
          em.create(this.outbox, { id: envelope.id, type: envelope.type, envelope, createdAt: new Date(envelope.occurredAt) });
        }
        if (inbox) await this.bus.beforeCommit(this.module, inbox, () => em.flush());
        return value;
      });
    // The span ends at the commit; the events it wrote carry it, so their deliveries join this trace.
    const result = await runInContext({ ...context, inTransaction: true }, () =>
      tracing ? tracing.transaction(this.module, false, transact) : transact(),
    );
    if (pending.length > 0) await this.afterCommit(pending);
    return result;
  }

  /**
   * Records a delivery whose handler wrote nothing: the inbox row is the one write, and one INSERT is atomic
   * by itself, so no transaction is opened around it. A duplicate throws AlreadyHandled, as in a transaction.
   */
  recordHandled(envelope: Envelope): Promise<void> {
    return this.recordInbox(this.em(), envelope);
  }

  private async recordInbox(em: EntityManager, envelope: Envelope): Promise<void> {
    const inserted = await em.execute<{ message_id: string }[]>(
      `insert into "${this.module}"."inbox" (message_id, type, handled_at) values (?, ?, now()) on conflict do nothing returning message_id`,
      [envelope.id, envelope.type],
    );
    if (inserted.length === 0) throw new AlreadyHandled(envelope.id);
  }

  /** Whether the inbox already holds this message: a cheap check before running a handler at all. */
  async handled(messageId: string): Promise<boolean> {
    const rows = await this.em().execute(`select 1 from "${this.module}"."inbox" where message_id = ?`, [messageId]);
    return rows.length > 0;
  }
}
