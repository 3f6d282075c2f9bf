import { describe, expect, it } from "vitest";
import { SyntaxProblem } from "./errors.ts";
import { parseJsonPath, selectJsonPath } from "./jsonpath.ts";
import { Variables } from "./variables.ts";

const context = {
  body: {
    id: "u-1",
    items: [
      { product_id: "p-1", kind: "a" },
      { product_id: "p-2", kind: "b" },
    ],
    "odd key": 1,
  },
  rows: [{ id: 7 }],
  payload: { order_id: "o-9" },
  headers: { "x-correlation-id": "c-1" },
};
const select = (path: string) => selectJsonPath(parseJsonPath(path), context, new Variables({}));

describe("JSONPath subset", () => {
  it.each([
    ["$", context],
    ["$.body.id", "u-1"],
    ["$.body.items[0].product_id", "p-1"],
    ["$.body.items[-1].product_id", "p-2"],
    ["$.rows[0].id", 7],
    ["$.payload.order_id", "o-9"],
    ["$['body']['odd key']", 1],
    ['$.headers["x-correlation-id"]', "c-1"],
    ["$.headers.x-correlation-id", "c-1"],
    ["$.body.items[*].kind", ["a", "b"]],
    ["$.body.items.*.kind", ["a", "b"]],
    ['$.body.items[?(@.kind == "b")].product_id', ["p-2"]],
  ])("%s", (path, expected) => {
    expect(select(path)).toEqual(expected);
  });

  it("answers undefined for what is not there, and an empty list past a wildcard", () => {
    expect(select("$.body.nope")).toBeUndefined();
    expect(select("$.body.items[5].kind")).toBeUndefined();
    expect(select("$.body.id.deeper")).toBeUndefined();
    expect(select("$.rows[0][1]")).toBeUndefined();
    expect(select('$.body.items[?(@.kind == "z")].kind')).toEqual([]);
  });

  it.each(["body.id", "$.", "$.body[", "$.body[x]", "$.body.id extra", "$[?(@.a)]"])("rejects %j", (path) => {
    expect(() => parseJsonPath(path)).toThrow(SyntaxProblem);
  });
});
