import type { Context } from "hono";
import { AppError } from "../errors.ts";
import { fingerprint, type IdempotencyStore, type Settle, type StoredResponse } from "../persistence/idempotency.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";

/**
 * Runs a non-repeatable POST under the request's Idempotency-Key (required: missing → 400). The key is
 * scoped to who asks, and the fingerprint covers method, path and the validated body. A replay answers the
 * first response again, marked with `Idempotent-Replayed: true`. `work` calls `began()` once it starts doing
 * what cannot be undone by a refusal (asking the card network); a refusal before that is not stored.
 */
export async function idempotently(
  c: Context,
  store: IdempotencyStore,
  scope: string,
  body: unknown,
  work: (began: () => void, settle: Settle) => Promise<StoredResponse>,
): Promise<Response> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (!key) throw new AppError("idempotency_key_required", "this request needs an Idempotency-Key header");
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError("validation_failed", "Idempotency-Key must be 1-255 visible ASCII characters");
  const result = await store.run(scope, key, fingerprint({ method: c.req.method, path: c.req.path, body }), work);
  if (result.replayed) c.header("idempotent-replayed", "true");
  return c.json(result.body as object, result.status as 200);
}
