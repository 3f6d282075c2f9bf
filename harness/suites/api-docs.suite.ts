import assert from "node:assert/strict";
import type { SystemDefinition } from "../../runtime/system.ts";
import { check, defineSuite, type Suite } from "../suite.ts";

/**
 * The API descriptions generated from the contracts, served where the public API is: the monolith, or split's
 * gateway (merged). Every resource of every module is described, and every event the system publishes.
 */
export const apiDocsSuite = (system: SystemDefinition): Suite =>
  defineSuite("API descriptions", [
    check("the public API is described at /openapi.json, its events at /asyncapi.json, both rendered at /docs", async (sys) => {
      const openapi = await sys.http.get("/openapi.json");
      assert.equal(openapi.status, 200);
      assert.match(openapi.body.openapi, /^3\.1\./);
      const paths = Object.keys(openapi.body.paths);
      for (const resource of system.modules.flatMap((m) => m.resources)) {
        const prefix = `/api/v1/${resource}`;
        assert.ok(
          paths.some((p) => p === prefix || p.startsWith(`${prefix}/`)),
          `${prefix} is described (of ${paths.length} paths)`,
        );
      }
      const asyncapi = await sys.http.get("/asyncapi.json");
      assert.equal(asyncapi.status, 200);
      assert.equal(asyncapi.body.asyncapi, "3.0.0");
      const addresses = Object.values(asyncapi.body.channels).map((c) => (c as { address?: string }).address);
      for (const event of system.modules.flatMap((m) => m.publishes)) assert.ok(addresses.includes(event.type), `${event.type} has a channel`);
      const page = await sys.http.get("/docs");
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    }),
  ]);
