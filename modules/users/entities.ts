import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

export const User = defineEntity({
  name: "User",
  tableName: "users",
  schema: "users",
  properties: {
    id: p.string().primary(),
    name: p.string(),
    email: p.string().unique(),
    createdAt: p.datetime(),
  },
});

export type User = InferEntity<typeof User>;
