import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** One attempt to take money, declined ones included (they are part of the payment history). */
export const Charge = defineEntity({
  name: "Charge",
  tableName: "charges",
  schema: "payments",
  properties: {
    id: p.string().primary(),
    orderId: p.string().nullable().index(),
    userId: p.string().nullable(),
    // Money is bigint read as a number (contracts/money.ts).
    amountCents: p.bigint("number"),
    amountRefundedCents: p.bigint("number"),
    currency: p.string(),
    token: p.string(),
    status: p.enum(["succeeded", "declined"] as const),
    declineCode: p.string().nullable(),
    description: p.text().nullable(),
    /** "<scope>:<Idempotency-Key>" of the request that made it: a retry after a crash finds it instead of charging twice. */
    idempotencyKey: p.string().nullable().unique(),
    createdAt: p.datetime(),
  },
});

export type Charge = InferEntity<typeof Charge>;

/** A full refund; at most one per charge. */
export const Refund = defineEntity({
  name: "Refund",
  tableName: "refunds",
  schema: "payments",
  properties: {
    id: p.string().primary(),
    chargeId: p.string().unique(),
    amountCents: p.bigint("number"),
    reason: p.string(),
    createdAt: p.datetime(),
  },
});

export type Refund = InferEntity<typeof Refund>;
