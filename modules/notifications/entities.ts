import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/**
 * One message to one user about one event. The inbox already makes a redelivered event harmless; the unique
 * (source event, user) pair is a second guard. `data` has a default and the source is nullable so the schema
 * update stays additive over rows written before these columns existed.
 */
export const Notification = defineEntity({
  name: "Notification",
  tableName: "notifications",
  schema: "notifications",
  uniques: [{ properties: ["sourceEventId", "userId"] }],
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    kind: p.string(),
    message: p.text(),
    data: p.json<Record<string, string>>().default("{}"),
    sourceEventId: p.string().nullable(),
    /** "sent", or "suppressed": a synthetic transaction's, recorded and told to nobody (delivery.ts). */
    delivery: p.string().default("sent"),
    createdAt: p.datetime(),
  },
});

export type Notification = InferEntity<typeof Notification>;
