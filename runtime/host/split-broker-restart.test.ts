import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { alive } from "../../harness/process-table.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer } from "../../harness/systems/shared/identity.ts";
import { addToCart, checkout, newProduct, settledOrder } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";

/** Confirmations waiting in Redis for a notifications service that is held back when the broker dies. */
const BACKLOG = 12;
const QUEUE_PREFIX = `brk${Date.now().toString(36)}`;

/** The launcher's own records in the topology's log (JSON lines with service "launcher"). */
const launcherRecords = (topology: StartedTopology) =>
  readFileSync(topology.logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { service?: string; level?: string; msg?: string; child?: string; reason?: string })
    .filter((r) => r.service === "launcher");

/**
 * Issue 10's broker restart through the real split topology: its own private Redis (durable, supervised as
 * `bun run split`'s), a backlog of order confirmations waiting there for a stopped notifications service, a
 * SIGKILL of redis-server. The launcher restarts it on its data; released, notifications tells every customer once.
 */
describe.runIf(process.platform === "linux")("split topology: the broker dies with a backlog", () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-broker-restart-"));
  let topology: StartedTopology;
  let sys: SystemClient;
  const exits: string[] = [];
  const givenUp: string[] = [];

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisDir: dir,
      env: { TWOFOLD_QUEUE_PREFIX: QUEUE_PREFIX, LOG_LEVEL: "info", LOG_FORMAT: "json" },
      onExit: (name) => exits.push(name),
      onCrash: (name) => givenUp.push(name),
    });
    sys = new SystemClient("split", topology.url);
  });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= topology?.stop());
  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers every waiting notification exactly once after redis-server is SIGKILLed and restarted by the launcher", async () => {
    const redis = topology.redis;
    if (!redis?.pid) throw new Error("the topology has no private Redis");
    const productId = await newProduct(sys, { price: 5, inventory: 100 });
    // Customers verify their email through notifications, so they are made before it is held back.
    const customers = await Promise.all(Array.from({ length: BACKLOG }, () => newCustomer(sys)));
    // And one who checks out only after the restart: every service's workers take events again, not just notifications'.
    const late = await newCustomer(sys);
    for (const customer of [...customers, late]) await addToCart(sys, customer.token, productId, 1);

    const notifications = topology.processes.pid("notifications");
    const queue = new Queue("events-notifications", { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    const pids = new Set([...topology.processes.names.map((name) => topology.processes.pid(name)), redis.pid()]);
    const confirmationsOf = async (token: string) => {
      const list = await sys.http.get("/api/v1/notifications?kind=order_confirmed", { headers: bearer(token) });
      expect(list.status).toBe(200);
      return (list.body.notifications as { data: { order_id: string } }[]).map((n) => n.data.order_id);
    };
    let orderIds: string[] = [];
    process.kill(notifications, "SIGSTOP");
    try {
      const placed = await Promise.all(customers.map((c) => checkout(sys, c.token, { payment_token: "tok_visa" })));
      expect(placed.map((p) => p.status)).toEqual(Array(BACKLOG).fill(202));
      const settled = await Promise.all(placed.map((p, i) => settledOrder(sys, customers[i]?.token ?? "", p.body.id)));
      expect(settled.map((o) => o.status)).toEqual(Array(BACKLOG).fill("confirmed"));
      orderIds = settled.map((o) => o.id);
      // Every confirmation has left the orders outbox and waits in Redis for notifications.
      const waiting = async () => (await queue.getJobs(["wait", "prioritized", "delayed"])).filter((job) => job.name === "order.confirmed");
      await eventually(async () => expect(await waiting()).toHaveLength(BACKLOG));

      const killed = redis.pid();
      process.kill(killed, "SIGKILL");
      await eventually(() => expect(launcherRecords(topology).map((r) => r.msg)).toContain("✔ redis is back"));
      expect(redis.pid()).not.toBe(killed);
      pids.add(redis.pid());
      expect(launcherRecords(topology)).toContainEqual(
        expect.objectContaining({ level: "warn", child: "redis", reason: "signal SIGKILL", msg: expect.stringMatching(/^↻ redis exited/) }),
      );

      process.kill(notifications, "SIGCONT");
      const toldSoFar = async () => (await Promise.all(customers.map((c) => confirmationsOf(c.token)))).filter((ids) => ids.length > 0).length;
      await eventually(async () => expect(await toldSoFar()).toBe(BACKLOG));
    } finally {
      process.kill(notifications, "SIGCONT");
      await queue.close();
    }

    // Once nothing more is on its way: each customer told once, of their own order, and every order still confirmed.
    await sys.idle();
    const told = await Promise.all(customers.map((c) => confirmationsOf(c.token)));
    expect(told).toEqual(orderIds.map((id) => [id]));
    const after = await Promise.all(orderIds.map((id, i) => settledOrder(sys, customers[i]?.token ?? "", id)));
    expect(after.map((o) => o.status)).toEqual(Array(BACKLOG).fill("confirmed"));
    const carts = await Promise.all(
      [...customers, late].map(async (c) => (await sys.http.get("/api/v1/cart", { headers: bearer(c.token) })).body.items),
    );
    expect(carts).toEqual([...customers.map(() => []), [expect.objectContaining({ product_id: productId })]]);

    const placedLate = await checkout(sys, late.token, { payment_token: "tok_visa" });
    expect((await settledOrder(sys, late.token, placedLate.body.id)).status).toBe("confirmed");
    await eventually(async () => expect(await confirmationsOf(late.token)).toEqual([placedLate.body.id]));
    await eventually(async () => expect((await sys.http.get("/api/v1/cart", { headers: bearer(late.token) })).body.items).toEqual([]));
    expect(givenUp).toEqual([]);
    // The services rode the broker's restart out: none of them exited.
    expect(exits).toEqual([]);

    await stop();
    expect([...pids].filter(alive)).toEqual([]);
  }, 60_000);
});
