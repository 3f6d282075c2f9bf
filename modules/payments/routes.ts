import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { toCents } from "../../contracts/money.ts";
import { ChargeView, CreateChargeBody, RefundBody, RefundView } from "../../contracts/payments/api.ts";
import { AppError, endpoint, IDEMPOTENCY_HEADER, idempotently, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { chargeCard } from "./charge.ts";
import { Charge } from "./entities.ts";
import { refundCharge } from "./refund.ts";
import type { PaymentsContext } from "./settings.ts";
import { toChargeView, toRefundView } from "./views.ts";

/** The operator API: charge a card directly, look a charge up, refund it. */
export function paymentsRoutes(ctx: PaymentsContext): Hono {
  const app = new Hono();
  app.use("/payments/*", requireOperator(ctx));
  resource(app, "/payments/charges", {
    POST: endpoint({
      summary: "Charge a card",
      description:
        "With the fake provider's test tokens: tok_visa succeeds, tok_chargeDeclined and tok_insufficient_funds are declined (402), tok_processing_error is a retryable provider error (503), tok_slow succeeds late. A decline is replayed under its key, never sent again.",
      body: CreateChargeBody,
      idempotent: true,
      responses: { 201: ChargeView },
      errors: ["payment_declined", "payment_provider_error"],
      handle: async (c, input) => {
        const body = await input.body();
        return idempotently(c, ctx.db.idempotency, "operator", body, async (began) => {
          began();
          const charge = await chargeCard(ctx, {
            orderId: null,
            userId: null,
            amountCents: toCents(body.amount),
            currency: body.currency,
            token: body.token,
            description: body.description ?? null,
            idempotencyKey: `operator:${c.req.header(IDEMPOTENCY_HEADER)}`,
          });
          return { status: 201, body: toChargeView(charge) };
        });
      },
    }),
  });
  resource(app, "/payments/charges/:id", {
    GET: endpoint({
      summary: "Read a charge",
      params: { id: Id },
      responses: { 200: ChargeView },
      errors: ["charge_not_found"],
      handle: async (c, input) => {
        const charge = await ctx.db.em().findOne(Charge, { id: input.param("id") });
        if (!charge) throw new AppError("charge_not_found", "no such charge");
        return c.json(toChargeView(charge), 200);
      },
    }),
  });
  resource(app, "/payments/charges/:id/refunds", {
    POST: endpoint({
      summary: "Refund a charge in full",
      description: "201 with the refund; 200 with the same refund when the charge was refunded already. The body may be empty.",
      params: { id: Id },
      body: RefundBody,
      bodyMayBeEmpty: true,
      idempotent: true,
      responses: { 201: RefundView, 200: RefundView },
      errors: ["charge_not_found", "charge_not_refundable"],
      handle: async (c, input) => {
        const chargeId = input.param("id");
        const body = await input.body();
        return idempotently(c, ctx.db.idempotency, "operator", body, async () => {
          const { refund, created } = await refundCharge(ctx, chargeId, body.reason);
          return { status: created ? 201 : 200, body: toRefundView(refund) };
        });
      },
    }),
  });
  return app;
}
