import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

export const Notification = defineEntity({
  name: "Notification",
  tableName: "notifications",
  schema: "notifications",
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    kind: p.string(),
    message: p.text(),
    createdAt: p.datetime(),
  },
});

export type Notification = InferEntity<typeof Notification>;
