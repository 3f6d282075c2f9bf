import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { type InProcessSystem, inProcess } from "../in-process.ts";
import { SystemClient } from "../system/client.ts";
import { shopFuzz } from "../systems/shop/fuzz/target.ts";
import { fuzz } from "./fuzz.ts";
import { routeKey } from "./routes.ts";

/**
 * The fuzzer against the shop in process, with one fault put between it and the app each time: it must find
 * the fault, classify it, and shrink the request that shows it.
 */
describe("the fuzzer finds what it exists to find", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess(shop);
  });
  afterAll(() => system.stop());

  const app = async (request: Request): Promise<Response> => system.monolith.app.fetch(request);
  const only = (key: string) => shopFuzz.routes.filter((r) => routeKey(r) === key);
  const isRoute = (request: Request, method: string, path: RegExp) => request.method === method && path.test(new URL(request.url).pathname);
  /** A client whose requests pass through `fault` before the app sees them. */
  const faulty = (fault: (request: Request, answer: () => Promise<Response>) => Promise<Response>) =>
    new SystemClient("faulty", "http://in-process", (url, init) => fault(new Request(url, init), () => app(new Request(url, init))));
  const envelope = (status: number, code: string) => Response.json({ error: { code, message: "injected" } }, { status });

  it("finds a 5xx at a bound and shrinks it to the bound alone", async () => {
    // Stock at or past the largest allowed inventory breaks "the warehouse", whatever else the body says.
    const atMost = async (request: Request) => {
      const inventory = (JSON.parse((await request.text()) || "null") as { inventory?: unknown } | null)?.inventory;
      return typeof inventory === "number" && inventory >= 1_000_000_000;
    };
    const sys = faulty(async (request, answer) =>
      isRoute(request, "POST", /^\/api\/v1\/products$/) && (await atMost(request).catch(() => false))
        ? envelope(503, "service_unavailable")
        : answer(),
    );
    const report = await fuzz(sys, shopFuzz, { seed: 11, numRuns: 60, routes: only("POST /api/v1/products"), shrinkMs: 8000 });
    const found = report.findings.find((f) => f.problem.status === 503);
    expect(found?.known).toBeUndefined();
    expect(report.failed).toBe(true);
    const shrunk = found?.shrunk;
    if (shrunk === undefined || shrunk === "not reproduced alone") throw new Error(`not shrunk: ${JSON.stringify(found)}`);
    expect(shrunk.request).toMatch(/"inventory":100000000[01]\b/);
    expect(shrunk.request).toContain(`x-operator-key: <operator>`);
    expect(shrunk.request.split("\n").at(-1)?.length).toBeLessThan(70);
    expect(report.serverErrors).toBeGreaterThan(0);
    expect(report.ready).toBe(true);
  });

  it("finds a rejected write that changes its module's state", async () => {
    let n = 0;
    // Every refused user creation still creates somebody.
    const sys = faulty(async (request, answer) => {
      const response = await answer();
      if (isRoute(request, "POST", /^\/api\/v1\/users$/) && response.status >= 400 && response.status < 500) {
        const body = JSON.stringify({ name: "Ghost", email: `ghost-${++n}-${Date.now()}@example.com` });
        await app(
          new Request("http://in-process/api/v1/users", {
            method: "POST",
            body,
            headers: { "content-type": "application/json", "x-operator-key": DEVELOPMENT_OPERATOR_KEY },
          }),
        );
      }
      return response;
    });
    const report = await fuzz(sys, shopFuzz, { seed: 12, numRuns: 10, routes: only("POST /api/v1/users"), maxShrunk: 1, shrinkMs: 4000 });
    const found = report.findings.find((f) => f.problem.kind === "state");
    expect(found?.problem.message).toMatch(/changed users's state/);
    expect(found?.shrunk).toMatchObject({ request: expect.stringContaining("POST /api/v1/users") });
  });

  it("finds an error answered outside the envelope", async () => {
    const sys = faulty(async (request, answer) => {
      const response = await answer();
      return isRoute(request, "GET", /^\/api\/v1\/users\/[^/]+$/) && response.status === 404 ? new Response("missing", { status: 404 }) : response;
    });
    const report = await fuzz(sys, shopFuzz, { seed: 13, numRuns: 40, routes: only("GET /api/v1/users/:id") });
    expect(report.findings.map((f) => f.problem.kind)).toContain("envelope");
  });

  it("passes a rejected write that leaves state alone, and counts every request", async () => {
    const sys = faulty((_, answer) => answer());
    const report = await fuzz(sys, shopFuzz, { seed: 14, numRuns: 40, routes: only("POST /api/v1/auth/login") });
    expect(report.findings.filter((f) => !f.known)).toEqual([]);
    expect(report.requests).toBe(40);
    expect(report.failed).toBe(false);
  });

  it("stops sending when its time budget is spent", async () => {
    const report = await fuzz(
      faulty((_, answer) => answer()),
      shopFuzz,
      { seed: 15, numRuns: 40, budgetMs: 1, routes: only("GET /api/v1/products") },
    );
    expect({ surveyed: report.surveyed, requests: report.requests }).toEqual({ surveyed: 0, requests: 0 });
  });
});
