import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { bearer, newCustomer, operator } from "../../harness/systems/shared/identity.ts";
import { addToCart, checkout, newProduct, settledOrder, stockOf } from "../../harness/systems/shop/steps.ts";
import { type StartedTopology, startTopology, topologyKinds } from "../../harness/topologies.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const INVENTORY = 5;

// The same journey against each topology: the command must work on whatever an operator deploys.
describe.each(topologyKinds)("twofold synthetic against %s", (kind) => {
  let topology: StartedTopology;
  let sys: SystemClient;
  let productId: string;

  /** `twofold synthetic --once` against the topology, as CI would run it. */
  async function synthetic(): Promise<{ code: number; out: string; lines: Record<string, unknown>[] }> {
    const child = Bun.spawn([process.execPath, "scripts/twofold.ts", "synthetic", "--base", topology.url, "--once", "--settle", "20s"], {
      cwd: ROOT,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...process.env, TWOFOLD_OPERATOR_KEY: DEVELOPMENT_OPERATOR_KEY, LOG_LEVEL: "info", LOG_FORMAT: "json" },
    });
    const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    return {
      code,
      out,
      lines: err
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    };
  }

  const figures = async () =>
    (await sys.http.get("/api/v1/orders/figures", { headers: operator })).body as { confirmed_orders: number; revenue: number };

  /** What a synthetic run leaves behind in every module it touched: nothing, once it cleaned up. */
  async function leftovers() {
    const [orders, users, notifications] = await Promise.all([
      sys.sql<{ n: number }>("orders", "select count(*)::int as n from orders where synthetic"),
      sys.sql<{ n: number }>("users", "select count(*)::int as n from users where synthetic"),
      sys.sql<{ n: number }>("notifications", "select count(*)::int as n from notifications where delivery = 'suppressed'"),
    ]);
    return { orders: orders[0]?.n, users: users[0]?.n, notifications: notifications[0]?.n };
  }

  beforeAll(async () => {
    topology = await startTopology(kind, kind === "split" ? { redisUrl: inject("redisUrl") } : {});
    sys = new SystemClient(kind, topology.url);
    productId = await newProduct(sys, { price: 7, inventory: INVENTORY });
    // The journey buys what the catalogue shows in stock: wait for the read model.
    await eventually(async () => {
      const product = await sys.http.get(`/api/v1/products/${productId}`);
      expect(product.body.inventory).toBe(INVENTORY);
    });
  });
  afterAll(async () => topology?.stop());

  it("checks out as a synthetic customer: confirmed for real, told to nobody, in no figure, cleaned up; exit 0", async () => {
    // A real sale first, so the figures are seen to count what they should.
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, productId, 1);
    const real = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    expect((await settledOrder(sys, customer.token, real.body.id)).status).toBe("confirmed");
    const before = await figures();
    expect(before).toEqual({ confirmed_orders: 1, revenue: real.body.total });
    await sys.events.fromNow();

    // The figures, read all along the run: the synthetic order exists from checkout to cleanup, never in them.
    const seen: unknown[] = [];
    let running = true;
    const watching = (async () => {
      while (running) seen.push(await figures());
    })();
    const run = await synthetic().finally(() => (running = false));
    await watching;
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((f) => JSON.stringify(f) !== JSON.stringify(before))).toEqual([]);
    expect(run.out).toMatch(/^synthetic journey ok/);
    expect(run.code).toBe(0);
    const steps = run.lines.filter((l) => l.step).map((l) => [l.step, l.outcome]);
    expect(steps).toEqual(
      ["find_product", "register", "sign_in", "verify_email", "add_to_cart", "checkout", "order_confirmed", "notification_suppressed", "cleanup"].map(
        (step) => [step, "ok"],
      ),
    );
    const summary = run.lines.find((l) => l.failed_step === undefined && l.outcome === "ok" && typeof l.correlation_id === "string");
    // The whole pipeline ran, every message marked: the saga's payment and the confirmation included.
    const confirmed = await sys.events.expect("order.confirmed", (e) => e.correlationId === summary?.correlation_id);
    expect(confirmed.synthetic).toBe(true);
    expect(await sys.events.all("payment.succeeded", (e) => e.correlationId === summary?.correlation_id && e.synthetic === true)).toHaveLength(1);

    await sys.idle();
    expect(await figures()).toEqual(before);
    expect(await leftovers()).toEqual({ orders: 0, users: 0, notifications: 0 });
    expect((await stockOf(sys, productId)).on_hand).toBe(INVENTORY - 1);
    // The real customer's notification was sent.
    const mine = await sys.http.get("/api/v1/notifications?kind=order_confirmed", { headers: bearer(customer.token) });
    expect(mine.body.notifications.map((n: { delivery: string }) => n.delivery)).toEqual(["sent"]);
  });

  it("against a broken deployment exits 1 naming the failed step, and still cleans up", async () => {
    const run = await sys.withFaults("error:payments=payment_declined", synthetic);
    expect(run.out).toMatch(/^synthetic journey FAILED at step order_confirmed: the order was cancelled: payment_declined/);
    expect(run.code).toBe(1);
    await sys.idle();
    expect(await leftovers()).toEqual({ orders: 0, users: 0, notifications: 0 });
    expect((await stockOf(sys, productId)).available).toBe(INVENTORY - 1);
  });

  it("lets nobody but the operator mark traffic synthetic", async () => {
    const body = { email: "outsider@example.com", password: "correct horse battery staple" };
    const marked: Record<string, string>[] = [{ "x-twofold-synthetic": "1" }, { "x-twofold-synthetic": "1", "x-operator-key": "not-the-key-at-all" }];
    for (const headers of marked) {
      const refused = await sys.http.post("/api/v1/auth/register", body, { headers });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("operator_key_required");
    }
  });

  it("removes only a synthetic transaction's records: a real customer's are refused", async () => {
    const customer = await newCustomer(sys);
    for (const path of [`/api/v1/users/${customer.id}`, `/api/v1/notifications/${customer.id}`]) {
      const refused = await sys.http.request("DELETE", path, { headers: operator });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("not_synthetic");
    }
    expect((await sys.http.get(`/api/v1/users/${customer.id}`, { headers: operator })).status).toBe(200);
  });
});
