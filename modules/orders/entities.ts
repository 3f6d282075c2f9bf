import { defineEntity, type InferEntity, p } from "@mikro-orm/core";
import type { Address } from "../../contracts/common/address.ts";

export const Order = defineEntity({
  name: "Order",
  tableName: "orders",
  schema: "orders",
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    /** "operator" (back-office order, payment offline) or "checkout" (a customer's saga-driven checkout). */
    source: p.string(),
    status: p.string(),
    statusReason: p.string().nullable(),
    // Money and quantities are bigint read as numbers (contracts/money.ts).
    subtotalCents: p.bigint("number"),
    discountCents: p.bigint("number"),
    shippingCents: p.bigint("number"),
    totalCents: p.bigint("number"),
    discountCode: p.string().nullable(),
    /** The pricing rule it was priced by (contracts/orders/api.ts PricingVersion); orders from before rules existed are v1. */
    pricing: p.string().default("v1"),
    shippingAddress: p.json<Address>().nullable(),
    /** Placed by a synthetic transaction (`twofold synthetic`): real in every step, in no business figure. */
    synthetic: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Order = InferEntity<typeof Order>;

export const OrderItem = defineEntity({
  name: "OrderItem",
  tableName: "order_items",
  schema: "orders",
  properties: {
    id: p.string().primary(),
    orderId: p.string().index(),
    position: p.integer(),
    productId: p.string(),
    quantity: p.bigint("number"),
    unitPriceCents: p.bigint("number"),
  },
});
export type OrderItem = InferEntity<typeof OrderItem>;

/**
 * Where an order's saga is, persisted so a restart resumes it. One row per order; `version` guards every
 * transition, `leaseUntil` says a runner is working on the current step, `leaseHolder` which process's.
 */
export const Saga = defineEntity({
  name: "Saga",
  tableName: "sagas",
  schema: "orders",
  properties: {
    orderId: p.string().primary(),
    step: p.string().index(),
    /** Steps done so far, in order: compensation undoes them in reverse. */
    done: p.json<string[]>(),
    /** Why the saga is compensating; becomes the cancelled order's reason. */
    reason: p.string().nullable(),
    /** The conversation the order was placed in; every step's calls and events carry it. */
    correlationId: p.string(),
    /** The order.placed event, which caused the saga. */
    causationId: p.string(),
    /** The conversation is a synthetic transaction's: the saga's calls and events stay marked when it resumes. */
    synthetic: p.boolean().default(false),
    /** The trace the order was placed in (its W3C traceparent), where the process traces: every step's spans join it. */
    trace: p.string().nullable(),
    paymentToken: p.string().nullable(),
    chargeId: p.string().nullable(),
    attempts: p.integer(),
    lastError: p.text().nullable(),
    nextRunAt: p.datetime().index(),
    deadlineAt: p.datetime(),
    leaseUntil: p.datetime().nullable(),
    /** The process holding the lease (ctx.instance): a restarted process takes back only the leases it held. */
    leaseHolder: p.string().nullable(),
    version: p.integer(),
    updatedAt: p.datetime(),
  },
});
export type Saga = InferEntity<typeof Saga>;
