import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopEvents } from "../contracts/catalog.ts";
import { shop } from "../modules/shop.ts";
import { asyncApiDocument } from "../runtime/docs/asyncapi.ts";
import { describeModules, ROUTE_METHODS } from "../runtime/docs/described.ts";
import { asyncApiProblems, danglingRefs, openApiProblems } from "../runtime/docs/official-schemas.test-support.ts";
import { API_PREFIX, openApiDocument } from "../runtime/docs/openapi.ts";
import topology from "../topology.json";
import { type InProcessSystem, inProcess } from "./in-process.ts";

type Paths = Record<string, Record<string, unknown>>;

/** `GET /api/v1/orders/:id` for every operation of a document. */
const operationsOf = (doc: Record<string, unknown>): string[] =>
  Object.entries(doc.paths as Paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );

describe("the shop's API descriptions", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess(shop);
  });
  afterAll(() => system.stop());

  const openapi = openApiDocument(shop.modules);
  const asyncapi = asyncApiDocument(shop.modules);

  it("pass the official OpenAPI 3.1 and AsyncAPI 3.0 schemas, and every reference resolves", async () => {
    expect(await openApiProblems(openapi)).toEqual([]);
    expect(asyncApiProblems(asyncapi)).toEqual([]);
    expect([...danglingRefs(openapi), ...danglingRefs(asyncapi)]).toEqual([]);
  });

  it("describe every public route the booted monolith serves, and nothing it does not", () => {
    const served = system.monolith.app.routes
      .filter((r) => r.path.startsWith(`${API_PREFIX}/`) && (ROUTE_METHODS as readonly string[]).includes(r.method))
      .map((r) => `${r.method} ${r.path}`);
    expect(describeModules(shop.modules).gaps).toEqual([]);
    expect([...new Set(served)].sort()).toEqual(operationsOf(openapi).sort());
  });

  it("document every event of the catalog with all its versions, and who publishes and consumes it", () => {
    const { channels, operations } = asyncapi as { channels: Record<string, { messages: object }>; operations: Record<string, unknown> };
    expect(Object.keys(channels).sort()).toEqual(shopEvents.map((e) => e.type).sort());
    for (const event of shopEvents) {
      const versions = [...(event.past ?? []).map((p) => p.version), event.version].map((n) => `${event.type}.v${n}`);
      expect(Object.keys(channels[event.type]?.messages ?? {}), event.type).toEqual(versions);
    }
    const expected = shop.modules.flatMap((m) => [
      ...m.publishes.map((e) => `${m.name}.publishes.${e.type}`),
      ...m.events.map((b) => `${m.name}.consumes.${b.contract.type}`),
    ]);
    expect(Object.keys(operations).sort()).toEqual(expected.sort());
  });

  it("split: each service describes its own modules, and together they make the gateway's document", async () => {
    const byService = topology.services.map((service) => openApiDocument(shop.modules.filter((m) => service.modules.includes(m.name))));
    for (const doc of byService) expect(await openApiProblems(doc)).toEqual([]);
    expect(byService.flatMap(operationsOf).sort()).toEqual(operationsOf(openapi).sort());
  });
});
