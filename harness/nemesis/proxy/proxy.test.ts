import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../eventually.ts";
import { type FaultProxy, startFaultProxy } from "./proxy.ts";
import { parseToxic } from "./spec.ts";
import { type Client, connect, pattern, startUpstream, type Upstream } from "./tcp.test-support.ts";

const quickly = { timeoutMs: 5_000, intervalMs: 2 };
let stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** A proxy in front of a fresh upstream, both stopped after the test. */
function proxied(upstream: Upstream = startUpstream(), faults = ""): FaultProxy {
  const proxy = startFaultProxy({ upstream: upstream.address, faults });
  stops.push(
    () => upstream.stop(),
    () => proxy.stop(),
  );
  return proxy;
}

/** Sends `text` and resolves with the milliseconds until the client has received `total` bytes in all. */
async function roundTrip(client: Client, text: string, total = client.bytes() + text.length): Promise<number> {
  const sentAt = performance.now();
  client.send(text);
  await eventually(() => expect(client.bytes()).toBe(total), quickly);
  return client.chunks.at(-1)!.at - sentAt;
}

describe("the fault proxy, without toxics", () => {
  it("forwards both ways, 8 MB each way intact, through writes that take less than they are given", async () => {
    const proxy = proxied();
    const client = await connect(proxy.port);
    const data = pattern(8 << 20);
    client.send(data);
    await eventually(() => expect(client.bytes()).toBe(data.length), { timeoutMs: 10_000 });
    expect(Buffer.concat(client.chunks.map((c) => c.data)).equals(data)).toBe(true);
  });

  it("holds back a reader that stops reading: the upstream is paused, not buffered without bound", async () => {
    const blast = 16 << 20;
    const proxy = proxied(startUpstream({ kind: "blast", bytes: blast }));
    const client = await connect(proxy.port);
    client.pause();
    // The kernel's buffers fill, then the proxy's, to its high-water mark (1 MiB), and it stops reading.
    await eventually(() => expect(proxy.stats().waiting.downstream).toBeGreaterThan(1 << 20), quickly);
    const held = proxy.stats().waiting.downstream;
    await eventually(() => expect(client.bytes()).toBe(0), quickly);
    expect(held).toBeLessThan(2 << 20);
    client.resume();
    await eventually(() => expect(client.bytes()).toBe(blast), { timeoutMs: 10_000 });
    expect(Buffer.concat(client.chunks.map((c) => c.data)).equals(pattern(blast))).toBe(true);
  });

  it("closes the client's connection when the upstream cannot be reached", async () => {
    const gone = startUpstream();
    gone.stop();
    const proxy = proxied(gone);
    const client = await connect(proxy.port);
    expect((await client.closed).code).toBeUndefined();
    await eventually(() => expect(proxy.stats().connections).toBe(0), quickly);
  });
});

describe("toxics", () => {
  it("latency: every round trip takes the latency ± its jitter, until the toxic is removed from the open connection", async () => {
    const proxy = proxied(startUpstream(), "latency=60±20");
    const client = await connect(proxy.port);
    const trips: number[] = [];
    for (let i = 0; i < 5; i++) trips.push(await roundTrip(client, `ping ${i}`));
    for (const ms of trips) expect(ms).toBeGreaterThanOrEqual(40 - 1), expect(ms).toBeLessThan(80 + 250);
    expect(proxy.removeToxic("latency_downstream")).toBe(true);
    expect(await roundTrip(client, "after")).toBeLessThan(40);
  });

  it("latency on the upstream stream delays what the client sends, not what the server says first", async () => {
    const proxy = proxied(startUpstream({ kind: "greet", greeting: "hello" }), "upstream:latency=150");
    const client = await connect(proxy.port);
    await eventually(() => expect(client.text()).toBe("hello"), quickly);
    expect(client.chunks[0]!.at - client.openedAt).toBeLessThan(150);
    expect(await roundTrip(client, "ping")).toBeGreaterThanOrEqual(150 - 1);
  });

  it("bandwidth: 40 KB at 200 KB/s take about 200 ms", async () => {
    const proxy = proxied(startUpstream(), "bandwidth=200kb");
    const client = await connect(proxy.port);
    const ms = await roundTrip(client, "x".repeat(40 * 1024));
    // The last 10 ms step goes without waiting after it: at least (40 KB − 2 KB) / 200 KB/s.
    expect(ms).toBeGreaterThanOrEqual(185);
    expect(ms).toBeLessThan(2_000);
    proxy.removeToxic("bandwidth_downstream");
    expect(await roundTrip(client, "y".repeat(40 * 1024))).toBeLessThan(185);
  });

  it("slow_close: the server's close reaches the client the delay later", async () => {
    const proxy = proxied(startUpstream({ kind: "hang-up" }), "slow_close=80");
    const slow = await connect(proxy.port);
    expect((await slow.closed).at - slow.openedAt).toBeGreaterThanOrEqual(80 - 1);
    proxy.removeToxic("slow_close_downstream");
    const quick = await connect(proxy.port);
    expect((await quick.closed).at - quick.openedAt).toBeLessThan(80);
  });

  it("timeout: no data gets through, and the connection closes after the timeout", async () => {
    const proxy = proxied(startUpstream(), "timeout=60");
    const client = await connect(proxy.port);
    client.send("ping");
    const closed = await client.closed;
    expect(closed.at - client.openedAt).toBeGreaterThanOrEqual(60 - 1);
    expect(closed.code).toBeUndefined();
    expect(client.bytes()).toBe(0);
  });

  it("timeout=0: holds the data and the connection open until the toxic is removed; then the data flows", async () => {
    const proxy = proxied(startUpstream(), "timeout=0");
    const client = await connect(proxy.port);
    client.send("ping");
    await eventually(() => expect(proxy.stats().waiting.downstream).toBe(4), quickly);
    expect(client.bytes()).toBe(0);
    proxy.removeToxic("timeout_downstream");
    await eventually(() => expect(client.text()).toBe("ping"), quickly);
    expect(await roundTrip(client, "pong")).toBeLessThan(60);
  });

  it("reset_peer: the connection works until the timeout, then the client sees it reset", async () => {
    const proxy = proxied(startUpstream(), "reset_peer=150");
    const client = await connect(proxy.port);
    await roundTrip(client, "ping");
    const closed = await client.closed;
    expect(closed.code).toBe("ECONNRESET");
    expect(closed.at - client.openedAt).toBeGreaterThanOrEqual(150 - 1);
  });

  it("reset_peer without a timeout resets at once", async () => {
    const proxy = proxied(startUpstream(), "reset_peer");
    const client = await connect(proxy.port);
    expect((await client.closed).code).toBe("ECONNRESET");
    expect(client.bytes()).toBe(0);
  });

  it("slicer: data arrives in slices of the given size", async () => {
    const proxy = proxied(startUpstream(), "slicer=16/5000us");
    const client = await connect(proxy.port);
    await roundTrip(client, "s".repeat(128));
    // Two slices could land in one read on a loaded machine; a slice is never split.
    expect(client.chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of client.chunks) expect(chunk.data.length % 16).toBe(0);
    proxy.removeToxic("slicer_downstream");
    await roundTrip(client, "t".repeat(128));
    expect(client.chunks.at(-1)!.data.length).toBe(128);
  });

  it("limit_data: the client gets that many bytes, then the connection closes", async () => {
    const proxy = proxied(startUpstream(), "limit_data=10");
    const client = await connect(proxy.port);
    client.send("0123456789abcdefghijklmnopqrstuv");
    const closed = await client.closed;
    expect(client.text()).toBe("0123456789");
    expect(closed.code).toBeUndefined();
  });

  it("a toxicity of 0 never applies the toxic; a toxic added to an open connection applies at once", async () => {
    const proxy = proxied(startUpstream(), "latency=200@0");
    const client = await connect(proxy.port);
    expect(await roundTrip(client, "ping")).toBeLessThan(200);
    proxy.addToxic(parseToxic("upstream:latency=100"));
    expect(await roundTrip(client, "pong")).toBeGreaterThanOrEqual(100 - 1);
  });
});

describe("down, and stopping", () => {
  it("down: open connections are dropped and new ones refused; enabled again, it listens on the same port", async () => {
    const upstream = startUpstream();
    const proxy = proxied(upstream);
    const { port } = proxy;
    const before = await connect(port);
    await roundTrip(before, "ping");
    proxy.apply("down");
    expect(proxy.enabled).toBe(false);
    expect((await before.closed).code).toBe("ECONNRESET");
    await expect(connect(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await eventually(() => expect(upstream.open()).toBe(0), quickly);
    proxy.apply("");
    expect(proxy.port).toBe(port);
    expect(await roundTrip(await connect(port), "again")).toBeLessThan(1_000);
  });

  it("stop() closes every socket, client and upstream, and frees the port", async () => {
    const upstream = startUpstream();
    const proxy = startFaultProxy({ upstream: upstream.address, faults: "timeout=0" });
    stops.push(() => upstream.stop());
    const clients = await Promise.all([connect(proxy.port), connect(proxy.port)]);
    await eventually(() => expect(upstream.open()).toBe(2), quickly);
    await proxy.stop();
    expect(proxy.stats().connections).toBe(0);
    for (const client of clients) await client.closed;
    await eventually(() => expect(upstream.open()).toBe(0), quickly);
    const again = Bun.listen({ hostname: "127.0.0.1", port: proxy.port, socket: { data() {} } });
    again.stop(true);
  });
});
