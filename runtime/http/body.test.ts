import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { silentLogger } from "../log/logger.ts";
import { LIST_ALL_ISSUES_UP_TO_CHARS, readBody } from "./body.ts";
import { notFound, onError } from "./errors.ts";
import { readParam, readParams, readQuery } from "./params.ts";
import { resource } from "./resource.ts";
import { MAX_LISTED_ISSUES } from "./validation.ts";

const app = new Hono();
app.onError(onError(silentLogger()));
app.notFound(notFound);
resource(app, "/things", {
  POST: async (c) => c.json(await readBody(c, v.object({ name: v.string(), tags: v.array(v.string()) })), 201),
});
resource(app, "/things/:id", {
  GET: (c) => c.json({ id: readParam(c, "id", v.pipe(v.string(), v.maxLength(64))) }, 200),
});
resource(app, "/search", {
  GET: (c) => c.json(readQuery(c, v.object({ q: v.string() })), 200),
});
const post = (body: string, type = "application/json") => app.request("/things", { method: "POST", headers: { "content-type": type }, body });

type Failure = { error: { code: string; message: string; details: { path: string; message: string }[] } };
const failure = async (response: Response): Promise<Failure["error"]> => {
  expect(response.status).toBe(400);
  const body = (await response.json()) as Failure;
  expect(body.error.code).toBe("validation_failed");
  return body.error;
};
const UNSTORABLE = "must not contain U+0000 or an unpaired UTF-16 surrogate";

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

describe("one string rule for everything a request carries", () => {
  it("refuses U+0000 and a lone surrogate in a body field, naming the field", async () => {
    expect((await failure(await post('{"name":"a\\u0000b","tags":[]}'))).details).toEqual([{ path: "name", message: UNSTORABLE }]);
    expect((await failure(await post('{"name":"\\ud800","tags":["ok","\\udfff"]}'))).details.map((d) => d.path)).toEqual(["name", "tags.1"]);
  });

  it("refuses them in keys and in fields the schema would drop, and passes a well-formed pair", async () => {
    const key = await failure(await post('{"name":"a","tags":[],"x\\u0000y":1}'));
    expect(key.details).toEqual([{ path: "x\uFFFDy", message: `the key ${UNSTORABLE}` }]);
    expect((await failure(await post('{"name":"a","tags":[],"extra":{"deep":["\\ud83d"]}}'))).details.map((d) => d.path)).toEqual(["extra.deep.0"]);
    const emoji = await post('{"name":"\\ud83d\\ude00","tags":[]}');
    expect(emoji.status).toBe(201);
    expect(await emoji.json()).toEqual({ name: "\u{1F600}", tags: [] });
  });

  it("refuses them in path and query parameters, under the parameter's name", async () => {
    expect((await failure(await app.request("/things/%00"))).details).toEqual([{ path: "id", message: UNSTORABLE }]);
    expect((await failure(await app.request("/search?q=a%00"))).details).toEqual([{ path: "q", message: UNSTORABLE }]);
    expect((await failure(await app.request("/search?q=a&b%00=1"))).details).toEqual([{ path: "b\uFFFD", message: `the key ${UNSTORABLE}` }]);
    expect((await failure(await app.request(`/things/${"x".repeat(65)}`))).details.map((d) => d.path)).toEqual(["id"]);
    expect(await (await app.request("/search?q=caf%C3%A9")).json()).toEqual({ q: "café" });
    const surrogate = (() => {
      try {
        readParams({ q: "\ud800" }, v.object({ q: v.string() }));
      } catch (error) {
        return error;
      }
    })();
    expect(surrogate).toBeInstanceOf(AppError);
    expect((surrogate as AppError).details).toEqual([{ path: "q", message: UNSTORABLE }]);
  });
});

describe("bounded error details", () => {
  const badItems = (count: number) => `{"name":"a","tags":[${Array.from({ length: count }, () => "1").join(",")}]}`;

  it("lists the first issues and counts the rest in one last entry", async () => {
    const error = await failure(await post(badItems(5_000)));
    expect(error.details).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.details.slice(0, 2).map((d) => d.path)).toEqual(["tags.0", "tags.1"]);
    expect(error.details.at(-1)).toEqual({ path: "", message: "and 4,980 more issues" });
    expect(error.message).toBe("request body does not match the expected shape: 5,000 issues, the first 20 listed");
  });

  it("counts unstorable strings the same way", async () => {
    const error = await failure(await post(`{"name":"a","tags":[${Array.from({ length: 30 }, () => '"\\u0000"').join(",")}]}`));
    expect(error.details).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.details.at(-1)).toEqual({ path: "", message: "and 10 more issues" });
  });

  it("checks a large body only up to its first issue", async () => {
    const text = badItems(LIST_ALL_ISSUES_UP_TO_CHARS);
    expect(text.length).toBeGreaterThan(LIST_ALL_ISSUES_UP_TO_CHARS);
    const error = await failure(await post(text));
    expect(error.details).toEqual([{ path: "tags.0", message: expect.any(String) }]);
    expect(error.message).toMatch(/checked up to its first issue only/);
  });

  it("keeps paths short however deep the body nests", async () => {
    const depth = 100_000;
    const error = await failure(await post(`{"name":"a","tags":[],"x":${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}}`));
    expect(error.details).toHaveLength(1);
    expect(error.details[0]?.path.startsWith("x.0.0.")).toBe(true);
    expect(error.details[0]?.path.length).toBeLessThanOrEqual(201);
  });
});
