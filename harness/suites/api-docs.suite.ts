import assert from "node:assert/strict";
import { check, defineSuite } from "../suite.ts";

/** The API descriptions generated from the contracts, served where the public API is: the monolith, or split's gateway (merged). */
export const apiDocsSuite = defineSuite("API descriptions", [
  check("the public API is described at /openapi.json, its events at /asyncapi.json, both rendered at /docs", async (sys) => {
    const openapi = await sys.http.get("/openapi.json");
    assert.equal(openapi.status, 200);
    assert.match(openapi.body.openapi, /^3\.1\./);
    for (const path of ["/api/v1/users", "/api/v1/cart/items", "/api/v1/checkout", "/api/v1/orders/{id}"]) {
      assert.ok(path in openapi.body.paths, `${path} is described (of ${Object.keys(openapi.body.paths).length} paths)`);
    }
    const asyncapi = await sys.http.get("/asyncapi.json");
    assert.equal(asyncapi.status, 200);
    assert.equal(asyncapi.body.asyncapi, "3.0.0");
    assert.ok(
      Object.values(asyncapi.body.channels).some((c) => (c as { address?: string }).address === "order.placed"),
      "order.placed has a channel",
    );
    const page = await sys.http.get("/docs");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
  }),
]);
