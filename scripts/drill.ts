import { SystemClient } from "../harness/system/client.ts";
import { bearer, newCustomer, operator } from "../harness/systems/shared/identity.ts";
import { addToCart, checkout, newProduct } from "../harness/systems/shop/steps.ts";
import { startTopology } from "../harness/topologies.ts";
import { commandLine, runMain } from "../runtime/cli/main.ts";
import { ensureRedis } from "../runtime/infra/redis.ts";
import type { TraceEntry } from "../runtime/observation/trace-entry.ts";

/**
 * A game day against a real split topology (`bun run drill`): the failures an operator fears, each caused for
 * real (SIGKILL, SIGSTOP), under a steady load, and what the shop did meanwhile — the numbers the resilience
 * work is judged by. Slow by nature (two stalls of `STALL_MS`); a measurement, not a test: the tests of each
 * mechanism are in runtime/host/split-*.test.ts and runtime/bus/resilience/.
 */
const STALL_MS = Number(process.env.DRILL_STALL_MS ?? 10_000);
const WORKERS = 4;
const CALL_TIMEOUT_MS = 800;

interface Sample {
  readonly route: string;
  readonly status: number;
  readonly code?: string;
  readonly ms: number;
}

/** Runs `request` from WORKERS loops until stopped, keeping every answer. */
function load(request: (n: number) => Promise<Sample>) {
  const samples: Sample[] = [];
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let n = w; running; n += WORKERS) samples.push(await request(n));
  });
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return samples;
    },
  };
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

function summary(samples: readonly Sample[]): string {
  const routes = [...new Set(samples.map((s) => s.route))];
  return routes
    .map((route) => {
      const mine = samples.filter((s) => s.route === route);
      const ms = mine.map((s) => s.ms);
      const counts = new Map<string, number>();
      for (const s of mine) counts.set(`${s.status}${s.code ? ` ${s.code}` : ""}`, (counts.get(`${s.status}${s.code ? ` ${s.code}` : ""}`) ?? 0) + 1);
      const answers = [...counts].map(([answer, n]) => `${n}× ${answer}`).join(", ");
      return `  ${route.padEnd(22)} ${String(mine.length).padStart(5)} requests  p50 ${quantile(ms, 0.5).toFixed(0)} ms  p99 ${quantile(ms, 0.99).toFixed(0)} ms  max ${Math.max(...ms).toFixed(0)} ms  (${answers})`;
    })
    .join("\n");
}

async function main(): Promise<void> {
  const redis = await ensureRedis(process.env.REDIS_URL);
  const topology = await startTopology("split", { redisUrl: redis.url, env: { TWOFOLD_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS) } });
  const sys = new SystemClient("split", topology.url);
  try {
    const productId = await newProduct(sys, { price: 3, inventory: 100_000 });
    const customers = await Promise.all(Array.from({ length: WORKERS }, () => newCustomer(sys)));
    for (const c of customers) await addToCart(sys, c.token, productId, 1);
    const sample = async (route: string, work: Promise<{ status: number; body: { error?: { code: string } }; ms: number }>) => {
      const answer = await work;
      return { route, status: answer.status, code: answer.body?.error?.code, ms: answer.ms };
    };
    const mixed = (n: number): Promise<Sample> => {
      const customer = customers[n % WORKERS];
      if (!customer) throw new Error("no customer");
      switch (n % 3) {
        case 0:
          return sample("GET /products", sys.http.get("/api/v1/products"));
        case 1:
          return sample(
            "POST /products",
            sys.http.post(
              "/api/v1/products",
              { name: `Drill ${n}`, price: 1, inventory: 1 },
              { headers: { ...operator, "x-correlation-id": `drill-${n}` } },
            ),
          );
        default:
          return (async () => {
            // The previous order's confirmation clears the cart: fill it again first (not timed).
            const cart = await sys.http.get("/api/v1/cart", { headers: bearer(customer.token) });
            if (cart.body?.items?.length === 0)
              await sys.http.post("/api/v1/cart/items", { product_id: productId, quantity: 1 }, { headers: bearer(customer.token) });
            return sample("POST /checkout", checkout(sys, customer.token, { payment_token: "tok_visa" }));
          })();
      }
    };

    console.log(`split topology ready in ${(topology.startupMs / 1000).toFixed(1)} s; call timeout ${CALL_TIMEOUT_MS} ms, ${WORKERS} clients\n`);
    const steady = load(mixed);
    await Bun.sleep(3000);
    console.log(`steady state (3 s):\n${summary(await steady.stop())}\n`);

    // kill -9 payments: how long until it serves again, and what the other routes did meanwhile.
    const killed = load(mixed);
    const before = topology.processes.pid("payments");
    const killedAt = performance.now();
    process.kill(before, "SIGKILL");
    let back = 0;
    while (!back) {
      await Bun.sleep(20);
      const ready = await fetch(`${topology.url}/ready`).catch(() => undefined);
      if (topology.processes.pid("payments") !== before && ready?.status === 200) back = performance.now() - killedAt;
    }
    console.log(`kill -9 payments: serving again after ${back.toFixed(0)} ms; meanwhile:\n${summary(await killed.stop())}\n`);

    // A stall (SIGSTOP) of warehouse: nothing may wait past its deadline; once the circuit opens, callers fail fast.
    const stalled = load(mixed);
    const warehouse = topology.processes.pid("warehouse");
    process.kill(warehouse, "SIGSTOP");
    await Bun.sleep(STALL_MS);
    process.kill(warehouse, "SIGCONT");
    const during = await stalled.stop();
    console.log(`warehouse stalled ${STALL_MS / 1000} s (SIGSTOP):\n${summary(during)}`);
    const worst = Math.max(...during.map((s) => s.ms));
    console.log(`  worst request ${worst.toFixed(0)} ms (call timeout ${CALL_TIMEOUT_MS} ms)`);

    // How fast an open circuit refuses, measured inside the caller: the trace of the products → warehouse calls.
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>("/__twofold/trace?prefix=drill-");
    const refused = (body.trace ?? []).filter((e) => e.kind === "call" && e.outcome === "circuit_open").map((e) => e.durationMs);
    if (refused.length) {
      console.log(
        `  ${refused.length} calls refused by an open circuit: p50 ${quantile(refused, 0.5).toFixed(2)} ms, max ${Math.max(...refused).toFixed(2)} ms in the caller`,
      );
    }
  } finally {
    await topology.stop();
    await redis.stop();
  }
}

const spec = {
  usage: "bun run drill",
  summary: `A game day against a real split topology (~40 s): SIGKILLs payments and SIGSTOPs warehouse for DRILL_STALL_MS (${STALL_MS} ms) under load, and reports what every route answered meanwhile.`,
  options: {},
  examples: ["bun run drill", "DRILL_STALL_MS=3000 bun run drill"],
} as const;

await runMain("bun run drill", async () => {
  commandLine(spec, process.argv.slice(2));
  await main();
  return 0;
});
