import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { forward } from "../host/proxy.ts";
import { INTERNAL_TOKEN_HEADER } from "../secrets.ts";
import { clientAddress, FORWARDED_FOR, trustGateway } from "./client-address.ts";

const token = crypto.randomUUID();

/** A service that says whom it counts a request under, and a gateway in front of it, both on real sockets. */
const service = new Hono()
  .use(trustGateway(token))
  .get("/who", (c) =>
    c.json({ client: clientAddress(c), forwarded: c.req.header(FORWARDED_FOR) ?? null, vouched: c.req.header(INTERNAL_TOKEN_HEADER) === token }),
  );
const serviceServer = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: service.fetch });
const gateway = new Hono().all("*", (c) => forward(c, () => `http://127.0.0.1:${serviceServer.port}`, { timeoutMs: 2000, internalToken: token }));
const gatewayServer = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: gateway.fetch });

const who = async (port: number | undefined, headers: Record<string, string>) => (await fetch(`http://127.0.0.1:${port}/who`, { headers })).json();

describe("the client's address behind the gateway", () => {
  afterAll(() => Promise.all([gatewayServer.stop(true), serviceServer.stop(true)]));

  it("the gateway replaces a client's x-forwarded-for with the socket's peer and vouches for it", async () => {
    const seen = await who(gatewayServer.port, { [FORWARDED_FOR]: "198.51.100.9", [INTERNAL_TOKEN_HEADER]: "a guess" });
    expect(seen).toEqual({ client: "127.0.0.1", forwarded: "127.0.0.1", vouched: true });
  });

  it("a service trusts x-forwarded-for only with the internal token", async () => {
    expect(await who(serviceServer.port, { [FORWARDED_FOR]: "198.51.100.9" })).toMatchObject({ client: "127.0.0.1" });
    expect(await who(serviceServer.port, { [FORWARDED_FOR]: "198.51.100.9", [INTERNAL_TOKEN_HEADER]: "a guess" })).toMatchObject({
      client: "127.0.0.1",
    });
    expect(await who(serviceServer.port, { [FORWARDED_FOR]: "198.51.100.9", [INTERNAL_TOKEN_HEADER]: token })).toMatchObject({
      client: "198.51.100.9",
    });
  });

  it("without a socket (in process) the address is unknown", async () => {
    expect(await (await service.request("/who")).json()).toMatchObject({ client: "unknown" });
  });
});
