import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../log/logger.ts";
import { endpoint, endpointOf } from "./endpoint.ts";
import { notFound, onError } from "./errors.ts";
import { resource } from "./resource.ts";

const app = new Hono();
app.onError(onError(silentLogger()));
app.notFound(notFound);
const Body = v.object({ reason: v.optional(v.string(), "none") });
const echo = endpoint({
  summary: "Echo",
  params: { id: v.pipe(v.string(), v.maxLength(3)) },
  query: v.object({ q: v.optional(v.string()) }),
  body: Body,
  bodyMayBeEmpty: true,
  responses: { 200: null },
  handle: async (c, input) => c.json({ id: input.param("id"), q: input.query().q, body: await input.body() }, 200),
});
resource(app, "/echo/:id", { POST: echo });
resource(app, "/sloppy", {
  GET: endpoint({ summary: "Reads what it never declared", responses: { 200: null }, handle: async (c, input) => c.json(await input.body(), 200) }),
});

const post = (path: string, body?: string) => app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("endpoints", () => {
  it("read each input through the schema they declare", async () => {
    expect(await (await post("/echo/abc?q=x", '{"reason":"r"}')).json()).toEqual({ id: "abc", q: "x", body: { reason: "r" } });
    expect(await (await post("/echo/abc")).json()).toEqual({ id: "abc", body: { reason: "none" } });
    const tooLong = await post("/echo/abcd", "{}");
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(["id"]);
    expect((await post("/echo/abc", '{"reason":1}')).status).toBe(400);
  });

  it("refuse a read the description does not declare, as a bug of ours", async () => {
    const response = await app.request("/sloppy");
    expect(response.status).toBe(500);
  });

  it("keep their description with the handler the app registers", () => {
    expect(endpointOf(app.routes.find((r) => r.path === "/echo/:id" && r.method === "POST")?.handler)?.summary).toBe("Echo");
  });
});
