import { Hono } from "hono";
import { INTERNAL_TOKEN_HEADER } from "../../../runtime/secrets.ts";

/**
 * The floor of a call between services: a bare Hono server on loopback answering fixed bytes, and a client
 * POSTing fixed bytes to it over a keep-alive connection and reading the answer. No validation, no envelope.
 */
export function rawHonoRoundTrip(bytes: { readonly request: string; readonly reply: string }): { call: () => Promise<unknown>; stop: () => void } {
  const app = new Hono().post("/internal/calls/echo", async (c) => {
    await c.req.text();
    return c.body(bytes.reply, 200, { "content-type": "application/json" });
  });
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch });
  const url = `http://127.0.0.1:${server.port}/internal/calls/echo`;
  return {
    call: async () =>
      (
        await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [INTERNAL_TOKEN_HEADER]: "conformance" },
          body: bytes.request,
        })
      ).text(),
    stop: () => void server.stop(true),
  };
}
