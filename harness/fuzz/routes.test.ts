import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shop } from "../../modules/index.ts";
import { type InProcessSystem, inProcess } from "../in-process.ts";
import { publicRoutes, routeKey } from "./routes.ts";

describe("the fuzzer's route table", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess(shop);
  });
  afterAll(() => system.stop());

  /** What the monolith serves under /api/v1, without middleware and the 405 catch-alls (both registered as ALL). */
  const registered = () =>
    [...new Set(system.monolith.app.routes.filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL").map(routeKey))].sort();

  it("lists every route the monolith registers", () => {
    const listed = new Set(publicRoutes.map(routeKey));
    expect(
      registered().filter((key) => !listed.has(key)),
      "routes missing from harness/fuzz/routes.ts",
    ).toEqual([]);
  });

  it("lists no route the monolith does not register, and none twice", () => {
    const served = new Set(registered());
    expect(
      publicRoutes.map(routeKey).filter((key) => !served.has(key)),
      "stale routes in harness/fuzz/routes.ts",
    ).toEqual([]);
    expect(new Set(publicRoutes.map(routeKey)).size).toBe(publicRoutes.length);
  });

  it("names each route's owner as the gateway routes it, and every path parameter", () => {
    const ownerOf = (path: string) => shop.modules.find((m) => m.resources.includes(path.split("/")[3] ?? ""))?.name;
    for (const r of publicRoutes) {
      expect(r.module, routeKey(r)).toBe(ownerOf(r.path));
      const inTemplate = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(Object.keys(r.params ?? {}), routeKey(r)).toEqual(inTemplate);
    }
  });
});
