import { describe, expect, it } from "vitest";
import { SyntaxProblem } from "./errors.ts";
import { describeOutcome, evaluate, parseExpression } from "./expression.ts";
import { Variables } from "./variables.ts";

const vars = (values: Record<string, unknown> = {}) => {
  const scope = new Variables({});
  for (const [name, value] of Object.entries(values)) scope.set(name, value);
  return scope;
};

const holds = (text: string, context: unknown, values?: Record<string, unknown>) => evaluate(parseExpression(text), context, vars(values)).ok;

const response = {
  status: 201,
  body: {
    id: "o-1",
    total: 59.98,
    verified: true,
    missing: null,
    items: [
      { product_id: "p-1", quantity: 2 },
      { product_id: "p-2", quantity: 1 },
    ],
  },
  headers: { "x-correlation-id": "c-1", etag: 'W/"3"' },
  rows: [{ email: "a@example.com" }],
};

describe("assertion expressions", () => {
  it.each([
    "status == 201",
    "status != 200",
    "status > 200",
    "status >= 201",
    "status < 300",
    "status <= 201",
    "body.total == 59.98",
    "body.verified == true",
    "body.missing == nil",
    "body.absent == nil",
    "body.id != nil",
    'body.id == "o-1"',
    "body.id == 'o-1'",
    "body.items[0].quantity == 2",
    'body.items[-1].product_id == "p-2"',
    "len(body.items) == 2",
    "len(body.id) == 3",
    'rows[0].email == "a@example.com"',
    'headers.x-correlation-id == "c-1"',
    "headers['x-correlation-id'] == \"c-1\"",
    'headers.etag == "W/\\"3\\""',
    "body.items[*].quantity == [2, 1]",
    "sorted(body.items[*].quantity) == [1, 2]",
    "count(body.items[*].quantity, 2) == 1",
    'body.items[?(@.product_id == "p-2")].quantity == [1]',
    'body.items[?@.quantity > 1].product_id == ["p-1"]',
    'body.id contains "-"',
    'body.items[*].product_id contains "p-2"',
    "status in [200, 201]",
  ])("%s holds", (text) => {
    expect(holds(text, response)).toBe(true);
  });

  it.each([
    "status == 200",
    "body.total > 60",
    "len(body.items) == 3",
    "body.id == nil",
    'body.id contains "x"',
    "status in [200, 204]",
    "body.id > 3",
  ])("%s does not hold", (text) => {
    expect(holds(text, response)).toBe(false);
  });

  it("reads variables in literals, typed when a literal is just one variable", () => {
    expect(holds('body.id == "{{order}}"', response, { order: "o-1" })).toBe(true);
    expect(holds("body.total == {{total}}", response, { total: 59.98 })).toBe(true);
    expect(holds("body.id in {{ids}}", response, { ids: ["o-0", "o-1"] })).toBe(true);
    expect(holds('body.items[?(@.product_id == "{{p}}")].quantity == [2]', response, { p: "p-1" })).toBe(true);
  });

  it("throws on an unknown variable rather than comparing against nothing", () => {
    expect(() => holds('body.id == "{{nope}}"', response)).toThrow(/unknown variable \{\{nope\}\}/);
  });

  it("describes a failure with actual and expected", () => {
    const expression = parseExpression("body.total == 59.99");
    expect(describeOutcome(expression, evaluate(expression, response, vars()))).toBe("body.total == 59.99: actual 59.98, expected == 59.99");
  });

  it("explains a function applied to the wrong thing instead of throwing", () => {
    const expression = parseExpression("len(body.total) == 1");
    const outcome = evaluate(expression, response, vars());
    expect(outcome.ok).toBe(false);
    expect(describeOutcome(expression, outcome)).toContain("len() of 59.98, which is not a list");
  });

  it.each(["status", "status = 200", "status == ", "== 200", "status == 200 extra", 'body[?(@.a "x")] == 1', "len(body.items == 1"])(
    "rejects %j",
    (text) => {
      expect(() => parseExpression(text)).toThrow(SyntaxProblem);
    },
  );
});
