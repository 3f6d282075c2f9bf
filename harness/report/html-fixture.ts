import type { Finding } from "../checkers/model.ts";
import type { CheckRun, RunReport, StateDelta, StepRecord, TraceRecord } from "./model.ts";

/**
 * A realistic run for the HTML report's tests: three profiles, four checks, one failing in split (a charge
 * that timed out) and leaving an invariant broken, traces with calls, publishes and deliveries (one delivery
 * failed and was retried), state deltas that differ, two divergences of which one is known by design, and
 * each profile's reconciliation. One response body carries `</script>` to prove the embedding is safe.
 */
export const PROFILES = ["monolith", "monolith-strict", "split"] as const;
type Profile = (typeof PROFILES)[number];

const T0 = Date.parse("2025-05-01T10:00:00.000Z");
export const INJECTION = '</script><script>document.title="pwned"</script><!--';

function step(index: number, method: string, path: string, status: number, responseBody?: unknown): StepRecord {
  return {
    index,
    method,
    path,
    status,
    correlationId: `corr-${index}`,
    durationMs: 4 + index * 3,
    ...(responseBody === undefined ? {} : { responseBody }),
  };
}

/** Trace records `ms` apart, in the given order; `process` maps a module to the process it ran in. */
function trace(
  profile: Profile,
  rows: readonly (readonly [TraceRecord["kind"], string, string, string, string, Partial<TraceRecord>?])[],
): TraceRecord[] {
  const split = profile === "split";
  return rows.flatMap(([kind, from, to, name, outcome, extra], i) => {
    const base = { kind, from, to, name, outcome, at: T0 + i * 7 + 3, durationMs: 3, correlationId: "corr-2", causationId: null, ...extra };
    if (kind !== "http") return [{ ...base, process: split ? (kind === "delivery" ? to : from) : "monolith" }];
    if (!split) return [{ ...base, to: "monolith", process: "monolith" }];
    return [
      { ...base, to: "gateway", process: "gateway" },
      { ...base, to, process: to, at: base.at + 1 },
    ];
  });
}

function run(suite: string, check: string, profile: Profile, body: Partial<CheckRun>): CheckRun {
  return { suite, check, profile, passed: true, durationMs: 120, steps: [], trace: [], state: {}, warnings: [], ...body };
}

const checkoutSteps = [
  step(0, "POST", "/api/v1/auth/login", 200),
  step(1, "POST", "/api/v1/cart/items", 201),
  step(2, "POST", "/api/v1/checkout", 202, { order_id: "ord_7f3a9c21", status: "pending" }),
  step(3, "GET", "/api/v1/orders/7f3a9c21-0b1e-4c55-9d7a-1b2c3d4e5f60", 200, { status: "confirmed" }),
];

function checkoutTrace(profile: Profile): TraceRecord[] {
  const retried = profile === "split";
  return trace(profile, [
    ["http", "client", "orders", "POST /api/v1/checkout", "202"],
    ["call", "orders", "warehouse", "warehouse.reserveStock", "ok"],
    ["call", "orders", "payments", "payments.charge", "ok"],
    ["call", "orders", "warehouse", "warehouse.commitReservation", "ok"],
    ["publish", "orders", "notifications,cart", "order.confirmed", "ok", { subscribers: ["notifications", "cart"], messageId: "msg-1" }],
    ...(retried ? [["delivery", "orders", "notifications", "order.confirmed", "handler_failed", { attempt: 1, messageId: "msg-1" }] as const] : []),
    ["delivery", "orders", "notifications", "order.confirmed", "ok", { attempt: retried ? 2 : 1, messageId: "msg-1" }],
    ["delivery", "orders", "cart", "order.confirmed", "ok", { attempt: 1, messageId: "msg-1" }],
    ["http", "client", "orders", "GET /api/v1/orders/:id", "200"],
  ]);
}

const checkoutState: StateDelta = {
  orders: { orders: { added: [{ id: "<id:1>", status: "confirmed", total: "59.98" }], removed: [] } },
  warehouse: { reservations: { added: [{ product_id: "<id:2>", quantity: 2, status: "committed" }], removed: [] } },
  payments: { charges: { added: [{ amount: "59.98", status: "succeeded" }], removed: [] } },
  notifications: { notifications: { added: [{ kind: "order_confirmed", user_id: "<id:3>" }], removed: [] } },
  cart: { items: { added: [], removed: [{ product_id: "<id:2>", quantity: 2 }] } },
};

const declinedSteps = (status: string) => [
  step(0, "POST", "/api/v1/auth/login", 200),
  step(1, "POST", "/api/v1/checkout", 202, { order_id: "ord_1", status: "pending" }),
  step(2, "GET", "/api/v1/orders/ord_1", 200, { status }),
];

function declinedTrace(profile: Profile): TraceRecord[] {
  if (profile === "split") {
    return trace(profile, [
      ["http", "client", "orders", "POST /api/v1/checkout", "202"],
      ["call", "orders", "warehouse", "warehouse.reserveStock", "ok"],
      ["call", "orders", "payments", "payments.charge", "call_timeout"],
      ["http", "client", "orders", "GET /api/v1/orders/:id", "200"],
    ]);
  }
  return trace(profile, [
    ["http", "client", "orders", "POST /api/v1/checkout", "202"],
    ["call", "orders", "warehouse", "warehouse.reserveStock", "ok"],
    ["call", "orders", "payments", "payments.charge", "payment_declined"],
    ["call", "orders", "warehouse", "warehouse.releaseReservation", "ok"],
    ["publish", "orders", "notifications", "order.cancelled", "ok", { subscribers: ["notifications"], messageId: "msg-2" }],
    ["delivery", "orders", "notifications", "order.cancelled", "ok", { attempt: 1, messageId: "msg-2" }],
    ["http", "client", "orders", "GET /api/v1/orders/:id", "200"],
  ]);
}

function declinedState(profile: Profile): StateDelta {
  const split = profile === "split";
  return {
    orders: {
      orders: { added: [{ id: "<id:1>", status: split ? "pending" : "cancelled", status_reason: split ? null : "payment_declined" }], removed: [] },
    },
    warehouse: { reservations: { added: [{ product_id: "<id:2>", quantity: 1, status: split ? "held" : "released" }], removed: [] } },
    ...(split ? {} : { notifications: { notifications: { added: [{ kind: "order_cancelled", user_id: "<id:3>" }], removed: [] } } }),
  };
}

const socialTrace = (profile: Profile) =>
  trace(profile, [
    ["http", "client", "reviews", "PUT /api/v1/reviews/:id/like", "200"],
    ["http", "client", "reviews", "DELETE /api/v1/reviews/:id/like", "200"],
    ["http", "client", "reviews", "DELETE /api/v1/reviews/:id/like", "200"],
    ["http", "client", "reviews", "GET /api/v1/reviews/:id", "200"],
  ]);

export const STUCK_HOLD: Finding = {
  invariant: "a settled order's reservation is committed when it is confirmed and given back when it is cancelled",
  kind: "stuck",
  module: "warehouse",
  entity: "ord_1",
  problem: "cancelled, but its stock is still held",
};

function runsOf(profile: Profile): CheckRun[] {
  const split = profile === "split";
  return [
    run("checkout", "places an order and confirms it", profile, {
      durationMs: split ? 412 : 188,
      steps: checkoutSteps,
      trace: checkoutTrace(profile),
      state: checkoutState,
    }),
    run("payment declined", "cancels the order and releases the stock", profile, {
      passed: !split,
      durationMs: split ? 5032 : 140,
      ...(split
        ? {
            error:
              'harness/flows/payment-declined.flow.yaml:63: step "order_cancelled": assertion failed: body.status == "cancelled": actual "pending", expected == "cancelled"',
          }
        : {}),
      steps: declinedSteps(split ? "pending" : "cancelled"),
      trace: declinedTrace(profile),
      state: declinedState(profile),
      invariants: split ? [STUCK_HOLD] : [],
    }),
    run("bad input", "rejects malformed JSON", profile, {
      durationMs: 9,
      steps: [step(0, "POST", "/api/v1/products", 400, { error: { code: "invalid_json", message: "malformed" } })],
      trace: trace(profile, [["http", "client", "products", "POST /api/v1/products", "400"]]),
    }),
    run("social", "likes never go below zero", profile, {
      durationMs: 61,
      warnings: split ? ["flow used delay(50)"] : [],
      steps: [
        step(0, "PUT", "/api/v1/reviews/rev_1/like", 200),
        step(1, "DELETE", "/api/v1/reviews/rev_1/like", 200),
        step(2, "DELETE", "/api/v1/reviews/rev_1/like", 200),
        step(3, "GET", "/api/v1/reviews/rev_1", 200, { likes: 0, body: INJECTION }),
      ],
      trace: socialTrace(profile),
      state: { reviews: { likes: { added: [], removed: [] } } },
    }),
  ];
}

export function fixtureReport(): RunReport {
  const checks = PROFILES.flatMap(runsOf);
  return {
    version: 1,
    system: "shop",
    seed: 424242,
    startedAt: "2025-05-01T10:00:00.000Z",
    wallMs: 18_450,
    profiles: PROFILES.map((profile) => {
      const mine = checks.filter((c) => c.profile === profile);
      return {
        profile,
        startupMs: profile === "split" ? 2_310 : 640,
        wallMs: profile === "split" ? 9_800 : 3_900,
        passed: mine.filter((c) => c.passed).length,
        failed: mine.filter((c) => !c.passed).length,
        reconciliation: { lost: [], doubled: [], stuck: profile === "split" ? [STUCK_HOLD] : [], late: 0 },
      };
    }),
    checks,
    divergences: [
      {
        suite: "payment declined",
        check: "cancels the order and releases the stock",
        kind: "outcome",
        profiles: ["monolith", "split"],
        summary: "split left the order pending: payments.charge timed out and no compensation ran",
        firstDivergentStep: { index: 2, baseline: "call payments.charge → payment_declined", other: "call payments.charge → call_timeout" },
        details: { baseline: "cancelled", other: "pending", note: INJECTION },
      },
      {
        suite: "checkout",
        check: "places an order and confirms it",
        kind: "events",
        profiles: ["monolith", "split"],
        summary: "order.confirmed was delivered to notifications twice in split (attempt 1 failed)",
        firstDivergentStep: {
          index: 5,
          baseline: "delivery order.confirmed → notifications ok",
          other: "delivery order.confirmed → notifications handler_failed",
        },
        known: { id: "at-least-once-redelivery", reason: "BullMQ delivers at least once; the inbox makes the retried delivery idempotent" },
      },
    ],
    findings: 3,
  };
}
