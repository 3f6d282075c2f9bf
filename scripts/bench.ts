import { parseArgs } from "node:util";
import { eventually } from "../harness/eventually.ts";
import { SystemClient } from "../harness/system/client.ts";
import { type StartedTopology, startTopology, type TopologyKind, topologyKinds } from "../harness/topologies.ts";
import { ensureRedis } from "../runtime/infra/redis.ts";
import { addToCart, bearer, checkout, newCustomer, newProduct, operator } from "../harness/suites/shop.ts";

/**
 * Measures what the README promises: start-up per topology, POST /orders latency, and the whole seed order
 * flow (user → product → order → notifications and stock visible) end to end. Numbers go to stdout as a table.
 */
const { values } = parseArgs({
  options: {
    starts: { type: "string", default: "3" },
    orders: { type: "string", default: "300" },
    flows: { type: "string", default: "30" },
    checkouts: { type: "string", default: "50" },
  },
});
const starts = Number(values.starts);
const orders = Number(values.orders);
const flows = Number(values.flows);
const checkouts = Number(values.checkouts);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const median = (samples: number[]) => percentile(samples, 50);
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function orderLatencies(sys: SystemClient): Promise<number[]> {
  const op = { headers: operator };
  const user = await sys.http.post("/api/v1/users", { name: "Bench", email: `bench-${crypto.randomUUID()}@example.com` }, op);
  const product = await sys.http.post("/api/v1/products", { name: "Bench", price: 1.25, inventory: 1_000_000 }, op);
  const samples: number[] = [];
  for (let i = 0; i < orders; i++) {
    const result = await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [{ product_id: product.body.id, quantity: 1 }] }, op);
    if (result.status !== 201) throw new Error(`order failed: ${result.status} ${JSON.stringify(result.body)}`);
    samples.push(result.ms);
  }
  return samples;
}

async function flowLatencies(sys: SystemClient): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < flows; i++) {
    const started = performance.now();
    const op = { headers: operator };
    const user = await sys.http.post("/api/v1/users", { name: "Flow", email: `flow-${crypto.randomUUID()}@example.com` }, op);
    const product = await sys.http.post("/api/v1/products", { name: "Flow", price: 29.99, inventory: 100 }, op);
    await sys.http.post("/api/v1/orders", { user_id: user.body.id, items: [{ product_id: product.body.id, quantity: 2 }] }, op);
    await eventually(
      async () => {
        const notes = await sys.http.get(`/api/v1/notifications/${user.body.id}`, op);
        const stock = await sys.http.get(`/api/v1/products/${product.body.id}`);
        if (notes.body.count < 2 || stock.body.inventory !== 98) throw new Error("not yet");
      },
      { intervalMs: 2 },
    );
    samples.push(performance.now() - started);
  }
  return samples;
}

/** From POST /checkout until the order reads confirmed: the whole saga (reserve, charge, commit, confirm). */
async function checkoutLatencies(sys: SystemClient): Promise<number[]> {
  const customer = await newCustomer(sys);
  const productId = await newProduct(sys, { price: 9.99, inventory: 1_000_000 });
  const samples: number[] = [];
  for (let i = 0; i < checkouts; i++) {
    await addToCart(sys, customer.token, productId, 1);
    const started = performance.now();
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    await eventually(
      async () => {
        const order = await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(customer.token) });
        if (order.body.status !== "confirmed") throw new Error(`order ${order.body.status}`);
      },
      { intervalMs: 2 },
    );
    samples.push(performance.now() - started);
  }
  return samples;
}

const redis = await ensureRedis();
const rows: string[] = [];
try {
  for (const kind of topologyKinds as TopologyKind[]) {
    const startups: number[] = [];
    let topology: StartedTopology | undefined;
    for (let i = 0; i < starts; i++) {
      topology = await startTopology(kind, { redisUrl: redis.url });
      startups.push(topology.startupMs);
      if (i < starts - 1) await topology.stop();
    }
    if (!topology) continue;
    const sys = new SystemClient(kind, topology.url);
    const orderSamples = await orderLatencies(sys);
    const flowSamples = await flowLatencies(sys);
    const checkoutSamples = await checkoutLatencies(sys);
    await topology.stop();
    rows.push(
      `| ${kind} | ${ms(median(startups))} (${startups.map((s) => s.toFixed(0)).join(", ")}) | ${ms(percentile(orderSamples, 50))} / ${ms(percentile(orderSamples, 99))} | ${ms(percentile(flowSamples, 50))} / ${ms(percentile(flowSamples, 99))} | ${ms(percentile(checkoutSamples, 50))} / ${ms(percentile(checkoutSamples, 99))} |`,
    );
    console.error(`${kind} done`);
  }
} finally {
  await redis.stop();
}
console.log(
  `| topology | start to ready, median (runs) | POST /orders p50 / p99 (n=${orders}) | order flow end to end p50 / p99 (n=${flows}) | checkout to confirmed p50 / p99 (n=${checkouts}) |`,
);
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(row);
