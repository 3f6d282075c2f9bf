import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { defineEvent } from "../../contracts/define.ts";
import { endpoint } from "../http/endpoint.ts";
import { guard } from "../http/guard.ts";
import { requireOperator } from "../http/operator.ts";
import { resource } from "../http/resource.ts";
import { requireSession } from "../http/session.ts";
import { ensureChromium, renderPage } from "../infra/chromium.ts";
import { defineModule, type ModuleContext, on } from "../module.ts";
import { asyncApiDocument } from "./asyncapi.ts";
import { describeModules } from "./described.ts";
import { asyncApiProblems, danglingRefs, openApiProblems } from "./official-schemas.test-support.ts";
import { openApiDocument } from "./openapi.ts";
import { rendererBundle } from "./renderer.ts";
import { docsRoutes } from "./routes.ts";

const Thing = v.object({ id: v.string(), name: v.string() });
const ThingCreated = defineEvent({
  type: "thing.created",
  owner: "things",
  version: 2,
  payload: Thing,
  past: [{ version: 1, schema: v.object({ thingId: v.string() }), upcast: (x) => x, downcast: (x) => x }],
});

const session = requireSession(async () => ({ user_id: "u", session_id: "s", email_verified: true }));
const ok = (c: { json: (body: unknown, status: 200) => Response }) => c.json({ id: "1", name: "a" }, 200);

/** A module with every kind of route: public, operator, customer, either, idempotent, with each kind of input. */
const things = defineModule({
  name: "things",
  version: "2.1.0",
  resources: ["things"],
  entities: [],
  publishes: [ThingCreated],
  calls: [],
  events: [],
  routes: (ctx: ModuleContext) => {
    const app = new Hono();
    app.on("POST", "/things", requireOperator(ctx));
    app.use("/things/:id", session);
    app.use(
      "/either",
      guard(["operator", "session"], async (_c, next) => next()),
    );
    resource(app, "/things", {
      GET: endpoint({ summary: "List things", query: v.object({ q: v.optional(v.string()) }), responses: { 200: v.array(Thing) }, handle: ok }),
      POST: endpoint({ summary: "Make a thing", body: Thing, idempotent: true, responses: { 201: Thing }, errors: ["unknown_product"], handle: ok }),
    });
    resource(app, "/things/:id", {
      GET: endpoint({ summary: "Read a thing", params: { id: v.pipe(v.string(), v.maxLength(64)) }, responses: { 200: Thing }, handle: ok }),
      DELETE: endpoint({ summary: "Drop a thing", params: { id: v.string() }, responses: { 204: null }, handle: (c) => c.body(null, 204) }),
    });
    resource(app, "/either", { GET: endpoint({ summary: "Either audience", responses: { 200: Thing }, handle: ok }) });
    return app;
  },
});

const watchers = defineModule({
  name: "watchers",
  version: "1.0.0",
  resources: [],
  entities: [],
  publishes: [],
  calls: [],
  events: [on(ThingCreated, async () => {})],
  routes: () => new Hono(),
});

type Operation = {
  security?: unknown;
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, { description: string }>;
};
const operationOf = (doc: Record<string, unknown>, path: string, method: string) =>
  (doc.paths as Record<string, Record<string, Operation>>)[path]?.[method] as Operation;

describe("the OpenAPI description", () => {
  const doc = openApiDocument([things, watchers], { name: "fixture" });

  it("passes the official OpenAPI 3.1 schema, and every reference resolves", async () => {
    expect(await openApiProblems(doc)).toEqual([]);
    expect(danglingRefs(doc)).toEqual([]);
  });

  it("the official schema is a real check: a document without info fails it", async () => {
    const { info: _, ...broken } = doc;
    expect((await openApiProblems(broken)).length).toBeGreaterThan(0);
    expect(danglingRefs({ a: { $ref: "#/components/schemas/Nothing" } })).toEqual(["#/components/schemas/Nothing"]);
  });

  it("reads each route's security from the guards in front of it", () => {
    expect(operationOf(doc, "/api/v1/things", "get").security).toBeUndefined();
    expect(operationOf(doc, "/api/v1/things", "post").security).toEqual([{ operator: [] }]);
    expect(operationOf(doc, "/api/v1/things/{id}", "get").security).toEqual([{ session: [] }]);
    expect(operationOf(doc, "/api/v1/things/{id}", "delete").security).toEqual([{ session: [] }]);
    expect(operationOf(doc, "/api/v1/either", "get").security).toEqual([{ operator: [] }, { session: [] }]);
  });

  it("lists inputs as parameters and errors by status in the one envelope", () => {
    const create = operationOf(doc, "/api/v1/things", "post");
    expect(create.parameters).toEqual([expect.objectContaining({ name: "idempotency-key", in: "header", required: true })]);
    expect(create.responses["400"]?.description).toBe("`invalid_json`, `validation_failed`, `idempotency_key_required`");
    expect(create.responses["401"]?.description).toBe("`operator_key_required`");
    expect(create.responses["422"]?.description).toBe("`idempotency_key_reused`, `unknown_product`");
    expect(create.responses["422"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } } });
    expect(operationOf(doc, "/api/v1/things", "get").parameters).toEqual([{ name: "q", in: "query", required: false, schema: { type: "string" } }]);
    expect(operationOf(doc, "/api/v1/things/{id}", "get").parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string", maxLength: 64 } },
    ]);
    expect(operationOf(doc, "/api/v1/things/{id}", "delete").responses["204"]).toEqual({ description: "No Content" });
  });
});

describe("what cannot be described", () => {
  it("a route registered without a description, or a path parameter without a schema, is a gap", () => {
    const sloppy = defineModule({
      ...watchers,
      name: "sloppy",
      routes: () => {
        const app = new Hono();
        app.get("/raw", (c) => c.text("hi"));
        resource(app, "/things/:id", { GET: endpoint({ summary: "No params", responses: { 200: null }, handle: (c) => c.body(null, 200) }) });
        resource(app, "/bare", { POST: (c) => c.text("bare") });
        return app;
      },
    });
    const { routes, gaps } = describeModules([sloppy]);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /things/:id"]);
    expect(gaps).toEqual([
      "sloppy: GET /things/:id does not declare its path parameter id",
      expect.stringMatching(/^sloppy: GET \/raw has no description/),
      expect.stringMatching(/^sloppy: POST \/bare has no description/),
    ]);
  });

  it("routes that use their context while being built are refused, naming the module and what they read", () => {
    const eager = defineModule({
      ...watchers,
      name: "eager",
      routes: (ctx) => {
        ctx.db.em();
        return new Hono();
      },
    });
    expect(() => describeModules([eager])).toThrow("eager: its routes read ctx.db while being built");
  });
});

describe("the AsyncAPI description", () => {
  const doc = asyncApiDocument([things, watchers]) as {
    channels: Record<string, { messages: Record<string, unknown> }>;
    operations: Record<string, { action: string; messages: { $ref: string }[] }>;
  };

  it("passes the official AsyncAPI 3.0 schema, and every reference resolves", () => {
    expect(asyncApiProblems(doc)).toEqual([]);
    expect(danglingRefs(doc)).toEqual([]);
    expect(asyncApiProblems({ ...doc, asyncapi: "3.0.0", info: undefined }).length).toBeGreaterThan(0);
  });

  it("has a channel per event with a message per version, and an operation per publisher and subscriber", () => {
    expect(Object.keys(doc.channels)).toEqual(["thing.created"]);
    expect(Object.keys(doc.channels["thing.created"]?.messages ?? {})).toEqual(["thing.created.v1", "thing.created.v2"]);
    expect(doc.operations["things.publishes.thing.created"]).toMatchObject({
      action: "send",
      messages: [{ $ref: "#/channels/thing.created/messages/thing.created.v2" }],
    });
    expect(doc.operations["watchers.consumes.thing.created"]?.action).toBe("receive");
    expect(doc.operations["watchers.consumes.thing.created"]?.messages).toHaveLength(2);
  });
});

describe("the docs routes", () => {
  const app = new Hono();
  app.route("/", docsRoutes([things, watchers], { name: "fixture" }));

  it("serve both documents and the reference page", async () => {
    expect(await (await app.request("/openapi.json")).json()).toEqual(openApiDocument([things, watchers], { name: "fixture" }));
    expect(await (await app.request("/asyncapi.json")).json()).toEqual(asyncApiDocument([things, watchers], { name: "fixture" }));
    const page = await (await app.request("/docs")).text();
    expect(page).toContain('<script src="docs/scalar.js">');
    expect(page).toContain('"url":"openapi.json"');
    expect(page).toContain('"url":"asyncapi.json"');
  });

  it("serve the renderer's bundle (bun add @scalar/api-reference)", async () => {
    expect(rendererBundle(), "the renderer package is not installed").toBeDefined();
    const response = await app.request("/docs/scalar.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("javascript");
    expect((await response.text()).length).toBeGreaterThan(100_000);
  });

  it("render the reference in a browser from this process alone, with no request leaving it", async () => {
    const chromium = await ensureChromium();
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
    try {
      const { dom, requests } = await renderPage(chromium, `http://127.0.0.1:${server.port}/docs`, 60_000);
      expect(dom).toContain("Make a thing");
      expect(requests.filter((url) => !url.startsWith(`http://127.0.0.1:${server.port}/`))).toEqual([]);
      expect(requests).toEqual(expect.arrayContaining([expect.stringContaining("/openapi.json"), expect.stringContaining("/docs/scalar.js")]));
    } finally {
      await server.stop(true);
    }
  }, 90_000);
});
