import { afterAll, afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../eventually.ts";
import type { FaultProxy } from "./proxy.ts";
import { faultProxyApi } from "./server.ts";
import { connect, startUpstream } from "./tcp.test-support.ts";

const upstream = startUpstream();
const proxies = new Map<string, FaultProxy>();
const api = faultProxyApi(proxies);
afterEach(async () => {
  for (const proxy of proxies.values()) await proxy.stop();
  proxies.clear();
});
afterAll(() => upstream.stop());

const send = (method: string, path: string, body?: unknown) =>
  api.request(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function roundTrip(port: number): Promise<number> {
  const client = await connect(port);
  const sentAt = performance.now();
  client.send("ping");
  await eventually(() => expect(client.text()).toBe("ping"), { intervalMs: 2 });
  client.end();
  return client.chunks.at(-1)!.at - sentAt;
}

describe("the fault proxy's control API", () => {
  it("creates a proxy, adds and removes a toxic at run time, disables and enables it, and deletes it", async () => {
    const created = await send("POST", "/proxies", { name: "redis", listen: "127.0.0.1:0", upstream: upstream.address });
    expect(created.status).toBe(201);
    const { listen } = (await created.json()) as { listen: string };
    const port = Number(listen.split(":")[1]);
    expect(await roundTrip(port)).toBeLessThan(80);

    const toxic = await send("POST", "/proxies/redis/toxics", { type: "latency", attributes: { latency: 80 } });
    expect(await toxic.json()).toEqual({
      name: "latency_downstream",
      type: "latency",
      stream: "downstream",
      toxicity: 1,
      attributes: { latency: 80, jitter: 0 },
    });
    expect(await roundTrip(port)).toBeGreaterThanOrEqual(80 - 1);
    expect(await (await send("GET", "/proxies")).json()).toEqual({
      redis: { name: "redis", listen, upstream: upstream.address, enabled: true, toxics: [expect.objectContaining({ name: "latency_downstream" })] },
    });
    expect((await send("DELETE", "/proxies/redis/toxics/latency_downstream")).status).toBe(204);
    expect(await roundTrip(port)).toBeLessThan(80);

    expect(await (await send("POST", "/proxies/redis", { enabled: false })).json()).toMatchObject({ enabled: false });
    await expect(connect(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(await (await send("POST", "/proxies/redis", { enabled: true })).json()).toMatchObject({ enabled: true });
    expect(await roundTrip(port)).toBeLessThan(80);

    expect((await send("DELETE", "/proxies/redis")).status).toBe(204);
    await expect(connect(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(await (await send("GET", "/proxies")).json()).toEqual({});
  });

  it("POST /reset enables every proxy and removes every toxic", async () => {
    await send("POST", "/proxies", { name: "a", upstream: upstream.address, enabled: false });
    await send("POST", "/proxies/a/toxics", { type: "timeout" });
    expect((await send("POST", "/reset")).status).toBe(204);
    expect(await (await send("GET", "/proxies/a")).json()).toMatchObject({ enabled: true, toxics: [] });
  });

  it("answers what it cannot do in the error envelope: a toxic it cannot read names the field, a taken name is 409, no proxy 404", async () => {
    await send("POST", "/proxies", { name: "a", upstream: upstream.address });
    const unreadable = await send("POST", "/proxies/a/toxics", { type: "latency", attributes: { latency: -5 } });
    expect(unreadable.status).toBe(400);
    expect(await unreadable.json()).toEqual({
      error: {
        code: "validation_failed",
        message: 'cannot read "attributes.latency": an attribute is a whole number ≥ 0',
        details: [{ path: "attributes.latency", message: "an attribute is a whole number ≥ 0" }],
      },
    });
    const address = await send("POST", "/proxies", { name: "b", upstream: "nowhere" });
    expect(address.status).toBe(400);
    expect(((await address.json()) as { error: { details: unknown } }).error.details).toEqual([
      { path: "nowhere", message: "an address is written <host>:<port>" },
    ]);
    await send("POST", "/proxies/a/toxics", { type: "timeout" });
    const twice = await send("POST", "/proxies/a/toxics", { type: "timeout" });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe("already_exists");
    expect((await send("POST", "/proxies", { name: "a", upstream: upstream.address })).status).toBe(409);
    const taken = ((await (await send("GET", "/proxies/a")).json()) as { listen: string }).listen;
    const sameAddress = await send("POST", "/proxies", { name: "c", listen: taken, upstream: upstream.address });
    expect([sameAddress.status, ((await sameAddress.json()) as { error: { code: string } }).error.code]).toEqual([409, "already_exists"]);
    expect((await send("GET", "/proxies/nope")).status).toBe(404);
    expect((await send("DELETE", "/proxies/a/toxics/nope")).status).toBe(404);
    expect((await send("POST", "/proxies/a", { enabled: "yes" })).status).toBe(400);
  });
});
