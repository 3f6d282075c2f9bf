import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { type DescribedRoute, describeModules } from "../../runtime/docs/described.ts";
import { shopAnnotations as annotations } from "../systems/shop/fuzz/annotations.ts";
import { shopFuzz } from "../systems/shop/fuzz/target.ts";
import { annotationGaps, fuzzedRoutes, routeKey } from "./routes.ts";

const publicRoutes = shopFuzz.routes;

/** The shop's described routes; harness/api-docs.test.ts holds them equal to what the monolith serves. */
const described = describeModules(shop.modules).routes;
const routeOf = (key: string) => publicRoutes.find((r) => routeKey(r) === key);

describe("the fuzzer's route table", () => {
  it("fuzzes every route the shop's modules describe, each once, under the API prefix", () => {
    expect(publicRoutes.map(routeKey)).toEqual(described.map((r) => `${r.method} /api/v1${r.path}`));
    expect(new Set(publicRoutes.map(routeKey)).size).toBe(publicRoutes.length);
  });

  it("annotates only routes that exist, and gives every path parameter a fixture kind", () => {
    expect(annotationGaps(publicRoutes, annotations)).toEqual([]);
  });

  it("reports a stale annotation, a parameter without a kind and one not in the path", () => {
    const { "GET /api/v1/users/:id": _, ...rest } = annotations;
    const notes = { ...rest, "GET /api/v1/nowhere": { endsSession: true as const }, "GET /api/v1/products": { params: { id: "product" as const } } };
    expect(annotationGaps(fuzzedRoutes(described, notes), notes)).toEqual([
      "GET /api/v1/nowhere is annotated, but no such route is described",
      "GET /api/v1/users/:id: path parameter id has no fixture kind",
      "GET /api/v1/products: annotates id, which is not in its path",
    ]);
  });

  it("reads the audience from the guards, and idempotency and If-Match from the endpoint", () => {
    expect(routeOf("GET /api/v1/products")).toMatchObject({ audience: "public", module: "products" });
    expect(routeOf("GET /api/v1/cart")?.audience).toBe("customer");
    expect(routeOf("POST /api/v1/orders")?.audience).toBe("operator");
    expect(routeOf("GET /api/v1/orders/:id")).toMatchObject({ audience: "either", params: { id: "order" } });
    expect(routeOf("PUT /api/v1/cart/items/:product_id")).toMatchObject({ ifMatch: true, idempotent: undefined });
    expect(routeOf("POST /api/v1/checkout")).toMatchObject({ idempotent: true, ifMatch: undefined });
    expect(routeOf("POST /api/v1/payments/charges")?.by5xxDesign).toEqual(["payment_provider_error"]);
  });

  it("refuses a route whose guards no single credential passes", () => {
    const both: DescribedRoute = {
      module: "x",
      method: "GET",
      path: "/x",
      endpoint: { summary: "x", responses: {} },
      guards: [["session"], ["operator"]],
    };
    expect(() => fuzzedRoutes([both], {})).toThrow("GET /x: its guards want a session and the operator key together");
  });

  it("names each route's owner as the gateway routes it", () => {
    const ownerOf = (path: string) => shop.modules.find((m) => m.resources.includes(path.split("/")[3] ?? ""))?.name;
    for (const r of publicRoutes) expect(r.module, routeKey(r)).toBe(ownerOf(r.path));
  });
});
