import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Quantity } from "../../contracts/common/quantity.ts";
import { Id } from "../../contracts/ids.ts";
import { CreateProductBody } from "../../contracts/products/api.ts";
import { shopFuzz } from "../systems/shop/fuzz/target.ts";
import { BODY_LIMIT_BYTES, edgeValues } from "./edges.ts";
import { Raw } from "./encode.ts";
import { edgyArbitrary } from "./mutate.ts";
import { withoutExclusive } from "./query.ts";
import { requestArbitrary } from "./request.ts";
import { routeKey } from "./routes.ts";
import { nodeOf } from "./schema-node.ts";
import { shapedArbitrary } from "./valid.ts";

const publicRoutes = shopFuzz.routes;
const hints = shopFuzz.hints({
  fixtures: { product: "fixture-product" },
  customerEmail: "ada@example.com",
  resolve: async () => "",
  renewSession: async () => {},
});

describe("generators from the request schemas", () => {
  for (const route of publicRoutes) {
    for (const [part, schema] of [
      ["body", route.body],
      ["query", route.query],
    ] as const) {
      if (!schema) continue;
      // The walker reads shapes and bounds well enough that most values need no filtering to be valid.
      it(`${routeKey(route)}: most ${part} values of the schema's shape are valid`, () => {
        const shaped = fc.sample(shapedArbitrary(nodeOf(schema), hints), { numRuns: 200, seed: 1 });
        const values = part === "query" ? shaped.map((q) => withoutExclusive(q as Record<string, unknown>, route.exclusive)) : shaped;
        expect(values.filter((value) => v.is(schema, value)).length).toBeGreaterThan(140);
      });
    }
  }

  it("reads bounds through nested pipes and query transforms", () => {
    expect(nodeOf(Quantity)).toMatchObject({ kind: "number", bounds: { minValue: 1, maxValue: 10_000, integer: true } });
    expect(nodeOf(Id)).toMatchObject({ kind: "string", bounds: { minLength: 1, maxLength: 64 } });
    const limit = nodeOf(publicRoutes.find((r) => r.path === "/api/v1/products" && r.method === "GET")?.query as never);
    expect(limit).toMatchObject({
      kind: "object",
      entries: { limit: { kind: "optional", inner: { kind: "numeric", bounds: { minValue: 1, maxValue: 100, integer: true } } } },
    });
  });

  it("puts numbers at and just past every bound, and values JSON.stringify cannot write", () => {
    const edges = edgeValues(nodeOf(Quantity));
    for (const n of [1, 0, 2, 10_000, 10_001, 9_999, 2 ** 31, 1e308]) expect(edges).toContain(n);
    expect(edges.filter((e) => e instanceof Raw).map((e) => (e as Raw).text)).toEqual(expect.arrayContaining(["-0", "1e999", "NaN"]));
  });

  it("puts strings at their length bounds, past them, near the body limit, and in the characters that break servers", () => {
    const edges = edgeValues(nodeOf(Id)) as unknown[];
    for (const s of ["", "x", "x".repeat(64), "x".repeat(65), "\u0000", "\ud800"]) expect(edges).toContain(s);
    expect(edges.some((e) => typeof e === "string" && e.length > BODY_LIMIT_BYTES)).toBe(true);
    expect(edges).toEqual(expect.arrayContaining([null, 0, [], {}]));
  });

  it("mutates bodies toward the edges: invalid ones, smuggled keys, and still some valid ones", () => {
    const node = nodeOf(CreateProductBody);
    const bodies = fc.sample(edgyArbitrary(node, hints, edgeValues), { numRuns: 400, seed: 7 });
    const valid = bodies.filter((b) => v.is(CreateProductBody, b)).length;
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(bodies.length);
    expect(bodies.some((b) => b !== null && typeof b === "object" && Object.hasOwn(b, "__proto__"))).toBe(true);
  });

  it("makes requests for every route, with odd path ids and repeated query parameters among them", () => {
    const fixtures = { product: "P", user: "U", order: "O", review: "R", charge: "C" };
    const requests = fc.sample(requestArbitrary(publicRoutes, hints, fixtures), { numRuns: 3000, seed: 3 });
    expect(new Set(requests.map((r) => r.route))).toEqual(new Set(publicRoutes.map(routeKey)));
    expect(requests.some((r) => r.path.includes("%00"))).toBe(true);
    expect(requests.some((r) => /[?&](\w+)=[^&]*&\1=/.test(r.query))).toBe(true);
    expect(requests.some((r) => r.headers.every(([name]) => name !== "content-type") && r.body)).toBe(true);
  });
});
