import type { Context } from "hono";
import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { toCents } from "../../contracts/money.ts";
import { CreateChargeBody, RefundBody } from "../../contracts/payments/api.ts";
import {
  AppError,
  IDEMPOTENCY_HEADER,
  idempotently,
  readBody,
  readParam,
  readParams,
  requireOperator,
  resource,
} from "../../runtime/module-api/index.ts";
import { chargeCard } from "./charge.ts";
import { Charge } from "./entities.ts";
import { refundCharge } from "./refund.ts";
import type { PaymentsContext } from "./settings.ts";
import { toChargeView, toRefundView } from "./views.ts";

/** A refund may be asked for with no body at all; its reason then defaults. */
const readRefundBody = async (c: Context) => ((await c.req.text()).trim() === "" ? readParams({}, RefundBody) : readBody(c, RefundBody));

/** The operator API: charge a card directly, look a charge up, refund it. */
export function paymentsRoutes(ctx: PaymentsContext): Hono {
  const app = new Hono();
  app.use("/payments/*", requireOperator(ctx));
  resource(app, "/payments/charges", {
    POST: async (c) => {
      const body = await readBody(c, CreateChargeBody);
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
  });
  resource(app, "/payments/charges/:id", {
    GET: async (c) => {
      const charge = await ctx.db.em().findOne(Charge, { id: readParam(c, "id", Id) });
      if (!charge) throw new AppError("charge_not_found", "no such charge");
      return c.json(toChargeView(charge), 200);
    },
  });
  resource(app, "/payments/charges/:id/refunds", {
    POST: async (c) => {
      const chargeId = readParam(c, "id", Id);
      const body = await readRefundBody(c);
      return idempotently(c, ctx.db.idempotency, "operator", body, async () => {
        const { refund, created } = await refundCharge(ctx, chargeId, body.reason);
        return { status: created ? 201 : 200, body: toRefundView(refund) };
      });
    },
  });
  return app;
}
