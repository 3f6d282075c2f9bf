import { type Answer, described, SyntheticClient } from "./client.ts";

/** One step's outcome: its name, how long it took, and why it failed. */
interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly error?: string;
}

export interface JourneyResult {
  readonly ok: boolean;
  readonly correlationId: string;
  readonly steps: readonly StepResult[];
  /** The first step that failed, cleanup included. */
  readonly failed?: StepResult;
}

export interface JourneyOptions {
  readonly base: string;
  readonly operatorKey: string;
  /** How long an eventually consistent step (a notification, the saga's outcome) may take. */
  readonly settleMs?: number;
  /** Told of each step as it finishes (logs, metrics). */
  readonly onStep?: (result: StepResult) => void;
}

class StepFailed extends Error {}

const expectStatus = (answer: Answer, status: number, what: string): Answer => {
  if (answer.status !== status) throw new StepFailed(`${what}: ${described(answer)}`);
  return answer;
};

/** What an eventually consistent step saw while it is not there yet. */
class Waiting {
  constructor(readonly seen: string) {}
}

/** Asks until `check` answers something else than Waiting, or fails with what it last saw once `timeoutMs` have passed. */
async function settle<T>(timeoutMs: number, check: () => Promise<T | Waiting>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const seen = await check();
    if (!(seen instanceof Waiting)) return seen;
    if (Date.now() > until) throw new StepFailed(`${seen.seen} after ${timeoutMs} ms`);
    await Bun.sleep(wait);
  }
}

/**
 * The shop's checkout journey as a synthetic customer (seed 004 §8.1), through the public API only, so it runs
 * against any deployment: a customer registers, verifies their email, buys one unit of a product in stock with
 * the test card and waits for the order to be confirmed. Every request is marked synthetic
 * (runtime/http/synthetic.ts): the shop runs it for real — saga, payment, warehouse — but records its
 * notifications as suppressed and counts the order in no figure. Then it cleans up: the order, the unit of
 * stock it used, the notifications and the customer, whether the journey succeeded or not.
 */
export async function runJourney(options: JourneyOptions): Promise<JourneyResult> {
  const settleMs = options.settleMs ?? 30_000;
  const client = new SyntheticClient(options.base, options.operatorKey, `synthetic-${crypto.randomUUID()}`);
  const steps: StepResult[] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const finish = (error?: string) => {
      const result = { step: name, ok: error === undefined, durationMs: performance.now() - started, ...(error ? { error } : {}) };
      steps.push(result);
      options.onStep?.(result);
    };
    try {
      const value = await work();
      finish();
      return value;
    } catch (error) {
      finish(error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
  const made: { userId?: string; orderId?: string; confirmed?: boolean; productId?: string } = {};
  const email = `synthetic-${crypto.randomUUID()}@synthetic.invalid`;
  const password = crypto.randomUUID();
  try {
    const productId = await step("find_product", async () => {
      const list = expectStatus(await client.request("GET", "/api/v1/products"), 200, "the catalogue");
      const product = (list.body.products ?? []).find((p: { inventory?: number }) => (p.inventory ?? 0) > 0);
      if (!product) throw new StepFailed("no product in the catalogue has stock");
      return product.id as string;
    });
    made.productId = productId;
    made.userId = await step("register", async () => {
      const body = { email, password, name: "Synthetic customer" };
      return expectStatus(await client.request("POST", "/api/v1/auth/register", { body }), 201, "registration").body.id as string;
    });
    const session = await step("sign_in", async () => {
      const answer = expectStatus(
        await client.request("POST", "/api/v1/auth/login", { body: { email, password, device: "synthetic" } }),
        200,
        "sign-in",
      );
      return { authorization: `Bearer ${answer.body.token}` };
    });
    await step("verify_email", async () => {
      const token = await settle(settleMs, async () => {
        const mail = expectStatus(await client.request("GET", "/api/v1/notifications?kind=verify_email", { headers: session }), 200, "notifications");
        const token = mail.body.notifications[0]?.data?.token as string | undefined;
        return token ?? new Waiting("no verification notification");
      });
      expectStatus(await client.request("POST", "/api/v1/auth/verify-email", { body: { token } }), 200, "verification");
    });
    await step("add_to_cart", async () => {
      const body = { product_id: productId, quantity: 1 };
      expectStatus(await client.request("POST", "/api/v1/cart/items", { body, headers: session }), 200, "the cart");
    });
    made.orderId = await step("checkout", async () => {
      const body = { shipping_address: SYNTHETIC_ADDRESS, payment_token: "tok_visa" };
      const headers = { ...session, "idempotency-key": client.correlationId };
      return expectStatus(await client.request("POST", "/api/v1/checkout", { body, headers }), 202, "checkout").body.id as string;
    });
    const orderId = made.orderId;
    await step("order_confirmed", () =>
      settle(settleMs, async () => {
        const order = expectStatus(await client.request("GET", `/api/v1/orders/${orderId}`), 200, "the order").body;
        if (order.status === "cancelled") throw new StepFailed(`the order was cancelled: ${order.status_reason}`);
        made.confirmed = order.status === "confirmed";
        return made.confirmed ? true : new Waiting(`the order is still ${order.status} at saga step ${order.saga_step}`);
      }),
    );
    await step("notification_suppressed", () =>
      settle(settleMs, async () => {
        const { notifications } = expectStatus(await client.request("GET", "/api/v1/notifications", { headers: session }), 200, "notifications").body;
        const sent = notifications.filter((n: { delivery: string }) => n.delivery !== "suppressed");
        if (sent.length)
          throw new StepFailed(`${sent.length} notification(s) were sent for real: ${sent.map((n: { kind: string }) => n.kind).join(", ")}`);
        return notifications.some((n: { kind: string }) => n.kind === "order_confirmed")
          ? true
          : new Waiting("no order_confirmed notification recorded");
      }),
    );
  } catch (error) {
    if (!(error instanceof StepFailed) && !steps.some((s) => !s.ok)) throw error;
  }
  await step("cleanup", () => cleanUp(client, made)).catch(() => undefined);
  const failed = steps.find((s) => !s.ok);
  return { ok: failed === undefined, correlationId: client.correlationId, steps, ...(failed ? { failed } : {}) };
}

const SYNTHETIC_ADDRESS = { name: "Synthetic customer", street: "1 Probe Street", city: "Nowhere", postal_code: "00000", country: "GB" };

/** Removes what the journey made, each owner its own part; a confirmed order's unit goes back into stock. */
async function cleanUp(client: SyntheticClient, made: { userId?: string; orderId?: string; confirmed?: boolean; productId?: string }): Promise<void> {
  const problems: string[] = [];
  const removed = async (what: string, answer: Promise<Answer>, ok: readonly number[]) => {
    const got = await answer;
    if (!ok.includes(got.status)) problems.push(`${what}: ${described(got)}`);
  };
  if (made.orderId) await removed("the order", client.request("DELETE", `/api/v1/orders/${made.orderId}`), [204]);
  if (made.orderId && made.confirmed && made.productId)
    await removed("the unit of stock", client.request("POST", `/api/v1/inventory/${made.productId}/receipts`, { body: { quantity: 1 } }), [201]);
  if (made.userId) {
    await removed("the notifications", client.request("DELETE", `/api/v1/notifications/${made.userId}`), [204]);
    await removed("the customer", client.request("DELETE", `/api/v1/users/${made.userId}`), [204]);
  }
  if (problems.length) throw new StepFailed(problems.join("; "));
}
