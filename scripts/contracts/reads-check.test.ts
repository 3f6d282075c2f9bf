import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { checkReads } from "./reads-check.ts";
import { fieldsOf } from "./schema-walk.ts";
import { checkValue } from "./value-check.ts";

const provided = fieldsOf(
  v.object({
    user_id: v.string(),
    status: v.picklist(["held", "released"]),
    note: v.optional(v.string()),
    charge_id: v.nullable(v.string()),
    items: v.array(v.object({ qty: v.number() })),
  }),
);
const reads = (entries: v.ObjectEntries) => checkReads(fieldsOf(v.object(entries)), provided);

describe("checkReads", () => {
  it("accepts a reader that reads a subset, with types at least as wide as provided", () => {
    expect(
      reads({ user_id: v.string(), status: v.string(), items: v.array(v.object({ qty: v.number() })), charge_id: v.nullable(v.string()) }),
    ).toEqual({ problems: [], unprovided: [] });
  });

  it("finds each field read that is missing, retyped, possibly absent or possibly null", () => {
    const { problems } = reads({
      userId: v.string(),
      status: v.literal("held"),
      note: v.string(),
      charge_id: v.string(),
      items: v.array(v.object({ qty: v.string() })),
    });
    expect(problems).toEqual([
      { field: "userId", rule: "removed", detail: "not provided (renamed to `user_id`?)" },
      { field: "status", rule: "type", detail: 'reads "held", gets "held" | "released"' },
      { field: "note", rule: "absent", detail: "may be absent, but is read as required" },
      { field: "charge_id", rule: "null", detail: "may be null, but is read as string" },
      { field: "items[].qty", rule: "type", detail: "reads string, gets number" },
    ]);
  });

  it("only notes a field read as optional that is not provided", () => {
    expect(reads({ nickname: v.optional(v.string()) })).toEqual({ problems: [], unprovided: ["nickname"] });
  });
});

describe("checkValue", () => {
  it("finds required fields an example lacks and values of another type, inside arrays too", () => {
    const map = fieldsOf(
      v.object({ order_id: v.string(), items: v.array(v.object({ product_id: v.string(), quantity: v.number() })), ttl: v.optional(v.number()) }),
    );
    expect(checkValue(map, { order_id: "o-1", items: [{ product_id: "p-1", quantity: 1 }] })).toEqual([]);
    expect(checkValue(map, { items: [{ product_id: 7, quantity: 1 }, { quantity: 2 }] })).toEqual([
      { path: "order_id", rule: "missing", detail: "requires order_id (string)" },
      { path: "items[].product_id", rule: "type", detail: "expects string, got 7" },
      { path: "items[].product_id", rule: "missing", detail: "requires items[].product_id (string)" },
    ]);
  });
});
