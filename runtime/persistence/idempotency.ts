import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AppError } from "../errors.ts";

/** A response worth replaying: what the first attempt answered. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Stable across key order, so the same request always has the same fingerprint. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex");
}

/** Completes the key with `response` in the caller's transaction (`em`): see IdempotencyStore.run. */
export type Settle = (em: EntityManager, response: StoredResponse) => Promise<void>;

/**
 * Idempotency keys, kept in the module's own schema (semantics of the IETF Idempotency-Key draft, as Stripe
 * does it): the same key with the same request replays the stored response; with another request it is
 * refused (422); while the first attempt still runs, a second is told to retry (409). Only a request that began
 * executing is stored (Stripe's rule): its success, or a 4xx it ended with after `began()` was called (a
 * declined card). A refusal before that — a precondition or a check of who asks, such as
 * `email_not_verified` — releases the key, so the same retry runs again once the cause is fixed; so does a
 * failure of ours (5xx).
 */
export class IdempotencyStore {
  constructor(
    private readonly schema: string,
    private readonly em: () => EntityManager,
    /** This process among its service's replicas: the keys it runs are locked in its name. */
    private readonly instance: string,
    private readonly leaseMs = 60_000,
  ) {}

  /**
   * Runs `work` once per key. `work` may hand its response to `settle` inside the transaction that does what
   * the key guards: the key is then completed in that same transaction (one statement fewer, and a crash
   * after its commit cannot leave the key to be run again); otherwise it is completed once `work` returns.
   */
  async run(
    scope: string,
    key: string,
    print: string,
    work: (began: () => void, settle: Settle) => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const table = `"${this.schema}"."idempotency_keys"`;
    const claimed = await this.em().execute<{ key: string }[]>(
      `insert into ${table} (scope, key, fingerprint, state, locked_until, locked_by, created_at)
       values (?, ?, ?, 'in_progress', now() + (? * interval '1 millisecond'), ?, now())
       on conflict do nothing returning key`,
      [scope, key, print, this.leaseMs, this.instance],
    );
    if (claimed.length === 0) {
      const [row] = await this.em().execute<
        { fingerprint: string; state: string; response_status: number; response_body: unknown; expired: boolean }[]
      >(`select fingerprint, state, response_status, response_body, locked_until < now() as expired from ${table} where scope = ? and key = ?`, [
        scope,
        key,
      ]);
      if (!row) return this.run(scope, key, print, work);
      if (row.fingerprint !== print) {
        throw new AppError("idempotency_key_reused", "this Idempotency-Key was already used with a different request");
      }
      if (row.state === "completed") return { status: row.response_status, body: row.response_body, replayed: true };
      const taken = row.expired
        ? await this.em().execute<{ key: string }[]>(
            `update ${table} set locked_until = now() + (? * interval '1 millisecond'), locked_by = ?
             where scope = ? and key = ? and state = 'in_progress' and locked_until < now() returning key`,
            [this.leaseMs, this.instance, scope, key],
          )
        : [];
      if (taken.length === 0)
        throw new AppError("idempotency_key_in_progress", "a request with this Idempotency-Key is still being processed; retry later");
    }
    let executing = false;
    let settled = false;
    const settle: Settle = async (em, response) => {
      await this.complete(scope, key, response, em);
      settled = true;
    };
    try {
      const response = await work(() => (executing = true), settle);
      if (!settled) await this.complete(scope, key, response);
      return { ...response, replayed: false };
    } catch (error) {
      if (executing && error instanceof AppError && error.status < 500) {
        await this.complete(scope, key, { status: error.status, body: error.toBody() });
      } else {
        await this.em().execute(`delete from ${table} where scope = ? and key = ? and state = 'in_progress'`, [scope, key]);
      }
      throw error;
    }
  }

  /**
   * At start-up nothing of this process is in flight, so every key still locked in its name belongs to a run
   * that died with its predecessor: that lease ends now and the next retry takes it over. Keys a replica of
   * the same service is running keep their lease (ending them all let a retry run beside a live first attempt).
   */
  async recoverAfterRestart(): Promise<void> {
    await this.em().execute(`update "${this.schema}"."idempotency_keys" set locked_until = now() where state = 'in_progress' and locked_by = ?`, [
      this.instance,
    ]);
  }

  private async complete(scope: string, key: string, response: StoredResponse, em = this.em()): Promise<void> {
    await em.execute(
      `update "${this.schema}"."idempotency_keys" set state = 'completed', response_status = ?, response_body = ?::jsonb where scope = ? and key = ?`,
      [response.status, JSON.stringify(response.body), scope, key],
    );
  }
}
