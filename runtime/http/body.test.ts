import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { readBody } from "./body.ts";
import { notFound, onError } from "./errors.ts";
import { resource } from "./resource.ts";

const app = new Hono();
app.onError(onError);
app.notFound(notFound);
resource(app, "/things", {
  POST: async (c) => c.json(await readBody(c, v.object({ name: v.string(), tags: v.array(v.string()) })), 201),
});
const post = (body: string, type = "application/json") => app.request("/things", { method: "POST", headers: { "content-type": type }, body });

describe("reading request bodies", () => {
  it("returns the validated body", async () => {
    const response = await post('{"name":"a","tags":["x"],"extra":1}');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: "a", tags: ["x"] });
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const response = await post("{oops");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_json", message: "request body is not valid JSON" } });
  });

  it("lists every failing field path", async () => {
    const response = await post('{"tags":["x",2]}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d) => d.path)).toEqual(["name", "tags.1"]);
  });

  it("refuses a body that is not JSON with 415", async () => {
    expect((await post("name=a", "application/x-www-form-urlencoded")).status).toBe(415);
  });

  it("answers a wrong method with 405 and Allow, an unknown path with 404", async () => {
    const wrong = await app.request("/things", { method: "PUT" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect((await app.request("/nothing")).status).toBe(404);
  });
});
