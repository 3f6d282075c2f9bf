import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** A flag the operator has set, at the `version` of its last change; a flag with no row is off (version 0). */
export const FlagRow = defineEntity({
  name: "FlagRow",
  tableName: "flags",
  schema: "flags",
  properties: {
    name: p.string().primary(),
    enabled: p.boolean(),
    percentage: p.integer(),
    users: p.json<string[]>(),
    version: p.integer(),
    updatedAt: p.datetime(),
  },
});
export type FlagRow = InferEntity<typeof FlagRow>;
