import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { eventually } from "../../eventually.ts";
import { type FaultProxy, startFaultProxy } from "./proxy.ts";
import { parseToxic } from "./spec.ts";

const redisAddress = (): string => {
  const { hostname, port } = new URL(inject("redisUrl"));
  return `${hostname}:${port || 6379}`;
};

let proxy: FaultProxy | undefined;
let redis: Redis | undefined;
afterEach(async () => {
  redis?.disconnect();
  await proxy?.stop();
});

/** ioredis through a fault proxy in front of the test run's Redis; it never queues a command while disconnected. */
function throughProxy(options: { reconnect: boolean }): Redis {
  proxy = startFaultProxy({ name: "redis", upstream: redisAddress() });
  redis = new Redis({
    host: "127.0.0.1",
    port: proxy.port,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: options.reconnect ? () => 10 : () => null,
  });
  return redis;
}

const timed = async (command: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await command();
  return performance.now() - start;
};

describe("a real Redis client through the fault proxy", () => {
  it("sees latency on its open connection, and not once the toxic is removed", async () => {
    const client = throughProxy({ reconnect: false });
    await eventually(() => expect(client.status).toBe("ready"));
    expect(await timed(() => client.ping())).toBeLessThan(60);
    proxy!.addToxic(parseToxic("latency=60"));
    expect(await timed(() => client.ping())).toBeGreaterThanOrEqual(60 - 1);
    proxy!.removeToxic("latency_downstream");
    expect(await timed(() => client.ping())).toBeLessThan(60);
  });

  it("sees its connection reset by reset_peer", async () => {
    const client = throughProxy({ reconnect: false });
    const errors: string[] = [];
    client.on("error", (error: { code?: string }) => errors.push(error.code ?? ""));
    await eventually(() => expect(client.status).toBe("ready"));
    proxy!.addToxic(parseToxic("reset_peer"));
    await eventually(() => expect(errors).toContain("ECONNRESET"));
    await expect(client.ping()).rejects.toThrow();
  });

  it("fails while the proxy is down, and reconnects once it is enabled again", async () => {
    const client = throughProxy({ reconnect: true });
    client.on("error", () => {});
    await eventually(() => expect(client.status).toBe("ready"));
    const key = `fault-proxy:${crypto.randomUUID()}`;
    await client.set(key, "kept", "PX", 60_000);
    proxy!.apply("down");
    await eventually(() => expect(client.status).not.toBe("ready"));
    await expect(client.ping()).rejects.toThrow();
    proxy!.apply("");
    await eventually(async () => expect(await client.get(key)).toBe("kept"));
  });
});
