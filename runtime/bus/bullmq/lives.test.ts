import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import type { Subprocess } from "bun";
import { afterAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../../harness/eventually.ts";
import { testEnvelope } from "../envelope.test-support.ts";
import type { Transport } from "../transport.ts";
import { createTransport, transports } from "../transports.ts";

const TRANSPORTS = fileURLToPath(new URL("../transports.ts", import.meta.url));

/**
 * A consumer killed while it handles an event (SIGKILL, before the ack) and started again under its name gets
 * the event back at once, not once its lock lapses: the lock and the stalled check are set to 60 s here, far
 * beyond the test's wait, so only the takeover can deliver it in time.
 */
describe("a consumer started again after a kill", () => {
  const prefix = `lives-${crypto.randomUUID().slice(0, 8)}`;
  const site = (instance: string) => ({
    delivery: { attempts: 3, backoffMs: 10 },
    addressOf: () => undefined,
    internalToken: "lives-internal-token",
    redisUrl: inject("redisUrl"),
    queuePrefix: prefix,
    worker: { concurrency: 4, lockDurationMs: 60_000, stalledIntervalMs: 60_000 },
    instance,
  });
  const queue = new Queue("events-sink", { connection: { url: inject("redisUrl") }, prefix });
  const running: Transport[] = [];
  const lives: Subprocess[] = [];
  const publisher = createTransport(transports.wire, site("publisher"));
  afterAll(async () => {
    for (const life of lives) life.kill("SIGKILL");
    for (const transport of running) await transport.stop();
    await publisher.stop();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** A process consuming `sink` as `instance` whose handler never returns: killed, it holds the job's lock. */
  const hangingLife = (instance: string) => {
    const life = Bun.spawn(
      [
        process.execPath,
        "-e",
        `const { createTransport, transports } = await import(${JSON.stringify(TRANSPORTS)});
         const transport = createTransport(transports.wire, { ...JSON.parse(process.env.LIFE_SITE), addressOf: () => undefined });
         transport.consume("sink", () => new Promise(() => {}));
         await transport.start();`,
      ],
      { env: { ...process.env, LIFE_SITE: JSON.stringify(site(instance)) }, stdout: "ignore", stderr: "inherit" },
    );
    lives.push(life);
    return life;
  };
  const heardBy = (instance: string, heard: { instance: string; id: string; attempt: number }[]) => async () => {
    const transport = createTransport(transports.wire, site(instance));
    transport.consume("sink", async (envelope, delivery) => void heard.push({ instance, id: envelope.id, attempt: delivery.attempt }));
    await transport.start();
    running.push(transport);
  };

  it("hands what the killed life held to its next life at start, as a failed attempt, and leaves another instance's jobs alone", async () => {
    const life = hangingLife("one");
    const held = testEnvelope({ id: `held-${crypto.randomUUID()}`, payload: {} });
    await publisher.dispatch(held, ["sink"]);
    await eventually(async () => expect(await queue.getActiveCount()).toBe(1), { timeoutMs: 15_000 });

    const heard: { instance: string; id: string; attempt: number }[] = [];
    // Another instance starting takes nothing: the job's holder may be alive (only stalled).
    await heardBy("two", heard)();
    expect(await queue.getActiveCount()).toBe(1);

    life.kill("SIGKILL");
    await life.exited;
    await heardBy("one", heard)();
    await eventually(() => expect(heard).toEqual([expect.objectContaining({ id: held.id, attempt: 2 })]));
    expect((await queue.getJob(`${held.id}-sink`))?.failedReason).toMatch(/one stopped while handling/);
  });
});
