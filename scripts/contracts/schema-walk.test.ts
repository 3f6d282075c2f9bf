import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ReserveStock } from "../../contracts/warehouse/calls.ts";
import { requiredPaths } from "./fields.ts";
import { fieldsOf } from "./schema-walk.ts";

describe("fieldsOf", () => {
  it("flattens objects and arrays to paths, keeping piped schemas' base type and their checks", () => {
    expect(fieldsOf(ReserveStock.request)).toEqual({
      order_id: { type: "string", checks: ["min_length(1)", "max_length(64)"] },
      items: { type: "array", checks: ["min_length(1)", "max_length(50)"] },
      "items[].product_id": { type: "string", checks: ["min_length(1)", "max_length(64)"] },
      "items[].quantity": { type: "number", checks: ["integer", "min_value(1)", "max_value(10000)"] },
      ttl_ms: { type: "number", optional: true, checks: ["integer", "min_value(100)", "max_value(86400000)"] },
    });
  });

  it("marks optional, nullable and nullish fields, and lists the required ones", () => {
    const fields = fieldsOf(
      v.object({ a: v.optional(v.string(), "x"), b: v.nullable(v.number()), c: v.nullish(v.boolean()), d: v.object({ e: v.string() }) }),
    );
    expect(fields).toEqual({
      a: { type: "string", optional: true },
      b: { type: "number", nullable: true },
      c: { type: "boolean", optional: true, nullable: true },
      d: { type: "object" },
      "d.e": { type: "string" },
    });
    expect(requiredPaths(fields)).toEqual(["b", "d", "d.e"]);
  });

  it("writes picklists, enums and literals as the values they allow", () => {
    expect(fieldsOf(v.object({ s: v.picklist(["held", "released"]), e: v.enum({ A: "a", B: "b" }), l: v.literal(1) }))).toEqual({
      s: { type: '"held" | "released"' },
      e: { type: '"a" | "b"' },
      l: { type: "1" },
    });
  });

  it("merges a union's alternatives: a field only some objects have may be absent; null makes it nullable", () => {
    const schema = v.object({
      shape: v.union([v.object({ kind: v.literal("circle"), r: v.number() }), v.object({ kind: v.literal("square"), side: v.number() }), v.null()]),
      id: v.union([v.string(), v.number()]),
    });
    expect(fieldsOf(schema)).toEqual({
      shape: { type: "object", nullable: true },
      "shape.kind": { type: '"circle" | "square"' },
      "shape.r": { type: "number", optional: true },
      "shape.side": { type: "number", optional: true },
      id: { type: "string | number" },
    });
  });

  it("names records' values {} and tuples' elements [n]; a root that is not an object is $", () => {
    expect(fieldsOf(v.object({ prices: v.record(v.string(), v.number()), pair: v.tuple([v.string(), v.number()]) }))).toEqual({
      prices: { type: "record" },
      "prices{}": { type: "number" },
      pair: { type: "tuple" },
      "pair[0]": { type: "string" },
      "pair[1]": { type: "number" },
    });
    expect(fieldsOf(v.array(v.object({ id: v.string() })))).toEqual({ $: { type: "array" }, "$[].id": { type: "string" } });
    expect(fieldsOf(v.unknown())).toEqual({ $: { type: "unknown" } });
  });
});
