import { describe, expect, it } from "vitest";
import type { HttpResult } from "../system/http.ts";
import { shopFuzz } from "../systems/shop/fuzz/target.ts";
import { routeKey } from "./routes.ts";

const publicRoutes = shopFuzz.routes;

import { verdict } from "./verdict.ts";

const routeOf = (key: string) => publicRoutes.find((r) => routeKey(r) === key) as (typeof publicRoutes)[number];
const answer = (status: number, body: unknown): HttpResult => ({ status, body, headers: new Headers(), ms: 1 });
const envelope = (code: string) => ({ error: { code, message: "m" } });

describe("the verdict on one response", () => {
  const users = routeOf("POST /api/v1/users");

  it("passes successes and errors in the envelope with the status their code travels with", () => {
    expect(verdict(users, answer(201, { id: "u" }))).toBeUndefined();
    expect(verdict(users, answer(204, undefined))).toBeUndefined();
    expect(verdict(users, answer(409, envelope("email_taken")))).toBeUndefined();
  });

  it("fails any 5xx, except the ones a route answers by design", () => {
    expect(verdict(users, answer(500, envelope("internal")))).toMatchObject({ kind: "server_error", status: 500, code: "internal" });
    expect(verdict(users, answer(503, envelope("payment_provider_error")))).toMatchObject({ kind: "server_error" });
    expect(verdict(routeOf("POST /api/v1/payments/charges"), answer(503, envelope("payment_provider_error")))).toBeUndefined();
    expect(verdict(users, answer(502, "Bad Gateway"))).toMatchObject({ kind: "server_error", code: undefined });
  });

  it("fails errors outside the envelope, with unknown codes, or with another status than their code's", () => {
    expect(verdict(users, answer(404, "Not Found"))).toMatchObject({ kind: "envelope" });
    expect(verdict(users, answer(400, { error: "bad" }))).toMatchObject({ kind: "envelope" });
    expect(verdict(users, answer(400, envelope("no_such_code")))).toMatchObject({ kind: "envelope", code: "no_such_code" });
    expect(verdict(users, answer(400, envelope("email_taken")))).toMatchObject({
      kind: "envelope",
      message: expect.stringContaining("travels with 409"),
    });
  });
});
