import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../../harness/eventually.ts";
import { everyInstance } from "../broadcast.ts";
import { testEnvelope } from "../envelope.test-support.ts";
import type { Transport } from "../transport.ts";
import { createTransport, transports } from "../transports.ts";

const SINK = everyInstance("sink");
const shout = () => testEnvelope({ id: `shout-${crypto.randomUUID()}`, payload: {} });

/** What becomes of an instance's broadcast queue when the instance stops, is killed, or starts again. */
describe("broadcast queues on BullMQ", () => {
  const prefix = `broadcast-${crypto.randomUUID().slice(0, 8)}`;
  const heard: { instance: string; id: string }[] = [];
  const running = new Map<string, Transport>();
  let redis: Redis;

  const site = (instance: string) => ({
    delivery: { attempts: 3, backoffMs: 10 },
    addressOf: () => undefined,
    internalToken: "broadcast-internal-token",
    redisUrl: inject("redisUrl"),
    queuePrefix: prefix,
    worker: { concurrency: 4, lockDurationMs: 5000, stalledIntervalMs: 5000 },
    instance,
  });
  const start = async (instance: string) => {
    const transport = createTransport(transports.wire, site(instance));
    transport.consume(SINK, async (envelope) => void heard.push({ instance, id: envelope.id }));
    await transport.start();
    running.set(instance, transport);
  };
  const stop = async (instance: string) => {
    await running.get(instance)?.stop();
    running.delete(instance);
  };
  const publisher = createTransport(transports.wire, site("publisher"));
  const heardBy = (id: string) =>
    heard
      .filter((h) => h.id === id)
      .map((h) => h.instance)
      .sort();
  const keysOf = (instance: string) => redis.keys(`${prefix}:events-sink@${instance}:*`);

  beforeAll(async () => {
    redis = new Redis(inject("redisUrl"));
    await start("one");
    await start("two");
  });
  afterAll(async () => {
    for (const instance of [...running.keys()]) await stop(instance);
    await publisher.stop();
    redis.disconnect();
  });

  it("an instance that stops cleanly leaves: the next broadcast reaches the others, and its queue is gone", async () => {
    const before = shout();
    await publisher.dispatch(before, [SINK]);
    await eventually(() => expect(heardBy(before.id)).toEqual(["one", "two"]));

    await stop("one");
    expect(await keysOf("one")).toEqual([]);
    const after = shout();
    await publisher.dispatch(after, [SINK]);
    await eventually(() => expect(heardBy(after.id)).toEqual(["two"]));
    expect(await keysOf("one")).toEqual([]);
  });

  it("an instance whose lease lapsed (killed, never left) is written to no more, and forgotten", async () => {
    await redis.sadd(`${prefix}:broadcast:sink`, "killed");
    const sent = shout();
    await publisher.dispatch(sent, [SINK]);
    await eventually(() => expect(heardBy(sent.id)).toEqual(["two"]));
    expect(await keysOf("killed")).toEqual([]);
    expect(await redis.smembers(`${prefix}:broadcast:sink`)).toEqual(["two"]);
  });

  it("an instance started again under its name drops what waited for its previous life, and hears what comes after", async () => {
    const queue = new Queue("events-sink@one", { connection: { url: inject("redisUrl") }, prefix });
    const stale = shout();
    await queue.add(stale.type, stale, { jobId: `${stale.id}-sink@one` });
    await queue.close();

    await start("one");
    const fresh = shout();
    await publisher.dispatch(fresh, [SINK]);
    await eventually(() => expect(heardBy(fresh.id)).toEqual(["one", "two"]));
    expect(heardBy(stale.id)).toEqual([]);
  });
});
