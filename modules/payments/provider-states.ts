import type { CallRequest } from "../../contracts/define.ts";
import type { ChargeCard } from "../../contracts/payments/calls.ts";
import { AppError, fingerprint, type ModuleContext, type ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { chargeCall } from "./calls.ts";
import { announceCharge } from "./charge.ts";
import { Charge } from "./entities.ts";
import { authorize, type ProviderOutcome } from "./provider.ts";
import type { paymentsSettings } from "./settings.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/**
 * The fake provider decides by token, so there is nothing to set up: the state only checks that the token
 * the contract names really gets that answer.
 */
const providerAnswers =
  (kind: ProviderOutcome["kind"]): ProviderStateHandler =>
  async (ctx, params) => {
    const outcome = await authorize(String(params.token), 0, ctx.clock);
    if (outcome.kind !== kind) throw new AppError("precondition_failed", `the provider answers ${params.token} with ${outcome.kind}, not ${kind}`);
  };

/** A charge request as orders makes it, from the state's params. */
const chargeRequest = (params: Params): CallRequest<typeof ChargeCard> => ({
  idempotency_key: String(params.idempotency_key),
  order_id: String(params.order_id),
  user_id: String(params.user_id),
  amount_cents: Number(params.amount_cents),
  currency: "usd",
  token: String(params.token ?? "tok_visa"),
});

/** A charge stored once under the given id, then announced (payment.succeeded or payment.failed) as a fresh charge is. */
const chargeWas =
  (status: "succeeded" | "declined"): ProviderStateHandler =>
  (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      await tx.em.execute(
        `insert into "payments"."charges"
           (id, order_id, user_id, amount_cents, amount_refunded_cents, currency, token, status, decline_code, description, idempotency_key, created_at)
         values (?, ?, ?, ?, 0, 'usd', ?, ?, ?, null, null, ?) on conflict do nothing`,
        [
          String(params.charge_id),
          params.order_id === undefined ? null : String(params.order_id),
          params.user_id === undefined ? null : String(params.user_id),
          Number(params.amount_cents ?? 1000),
          status === "succeeded" ? "tok_visa" : "tok_chargeDeclined",
          status,
          status === "declined" ? String(params.decline_code ?? "card_declined") : null,
          new Date(),
        ],
      );
      announceCharge(tx, await tx.em.findOneOrFail(Charge, { id: String(params.charge_id) }));
    });

/**
 * An attempt under the key that never finishes: the key's row says in progress with a lease far ahead (as
 * the idempotency store writes it when an attempt starts), for exactly the request the consumer repeats.
 */
const stillRunning = (ctx: ModuleContext, params: Params) =>
  ctx.db.transaction(({ em }) =>
    em.execute(
      `insert into "payments"."idempotency_keys" (scope, key, fingerprint, state, locked_until, created_at)
       values ('call', ?, ?, 'in_progress', now() + interval '1 day', now())
       on conflict (scope, key) do update set fingerprint = excluded.fingerprint, state = 'in_progress', locked_until = excluded.locked_until`,
      [String(params.idempotency_key), fingerprint(chargeRequest(params))],
    ),
  );

/** The states the consumers of payments.charge, payments.refund and the payment events name. */
export const paymentsProviderStates: Record<string, ProviderStateHandler<typeof paymentsSettings>> = {
  "the provider approves the card": providerAnswers("approved"),
  "the provider declines the card": providerAnswers("declined"),
  "the provider cannot process the card": providerAnswers("error"),

  /** The earlier request went through the real call; a repeat of it only replays. */
  "the idempotency key was used for another charge": async (ctx, params) => {
    await chargeCall.handle(chargeRequest(params), ctx);
  },

  "a charge under the idempotency key is still running": async (ctx, params) => {
    await stillRunning(ctx, params);
  },

  "a charge succeeded": chargeWas("succeeded"),
  "a charge was declined": chargeWas("declined"),

  "no such charge": async (ctx, params) => {
    if (await ctx.db.em().findOne(Charge, { id: String(params.charge_id) }))
      throw new AppError("precondition_failed", `charge ${params.charge_id} exists`);
  },
};
