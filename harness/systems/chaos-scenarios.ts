/**
 * The chaos scenarios twofold holds the shop to (issue 11's list and what its design implies), each with its
 * expected outcome and the tests that prove it: a file and the exact name of a test or check in it. Where a
 * proof runs: `every profile` (a harness suite: monolith, monolith-strict and split, under `bun run test` and
 * `bun run harness`), `split` (a real topology of processes, signals and Redis), `unit` (one module or seam).
 * chaos-scenarios.test.ts holds every proof to its file, so a renamed or deleted test breaks the list, not silently.
 */
interface Proof {
  readonly file: string;
  readonly test: string;
  readonly runs: "every profile" | "split" | "split-replicated" | "unit";
}

export interface ChaosScenario {
  readonly scenario: string;
  readonly expected: string;
  readonly proofs: readonly Proof[];
}

const shopChaos = "harness/systems/shop/chaos.suite.ts";
const partialFailure = "harness/systems/shop/partial-failure.suite.ts";
const nemesis = "harness/systems/shop/nemesis.suite.ts";
const stall = "runtime/host/split-stall.test.ts";

export const chaosScenarios: readonly ChaosScenario[] = [
  {
    scenario: "Redis restart with a backlog",
    expected: "every event delivered, once",
    proofs: [
      {
        file: "runtime/host/split-broker-restart.test.ts",
        test: "delivers every waiting notification exactly once after redis-server is SIGKILLed",
        runs: "split",
      },
      { file: "runtime/bus/bullmq/durability.test.ts", test: "delivers every event of a backlog once, after Redis is killed with -9", runs: "unit" },
    ],
  },
  {
    scenario: "launcher restart during checkouts",
    expected: "drained, resumed from the data dir, nothing lost or charged twice",
    proofs: [{ file: "runtime/host/shutdown.test.ts", test: "drains in order: checkouts in flight get their real answers", runs: "split" }],
  },
  {
    scenario: "duplicate payment event or reply",
    expected: "one charge",
    proofs: [
      { file: shopChaos, test: "every event delivered twice still has one effect", runs: "every profile" },
      { file: "modules/payments/charge-call.test.ts", test: "charges once when one key arrives twice at the same moment", runs: "unit" },
    ],
  },
  {
    scenario: "kill -9 a consumer after its commit, before its ack",
    expected: "effect once",
    proofs: [
      {
        file: shopChaos,
        test: "notifications stops right after telling the customer of a confirmation, before acknowledging it",
        runs: "every profile",
      },
    ],
  },
  {
    scenario: "kill a consumer before its commit",
    expected: "no partial rows; the redelivery does the effect once",
    proofs: [
      { file: shopChaos, test: "notifications stops after writing a confirmation's notification, before committing it", runs: "every profile" },
    ],
  },
  {
    scenario: "kill the publisher between commit and relay",
    expected: "the event is published after the restart, once",
    proofs: [
      { file: shopChaos, test: "orders stops after committing a confirmation, before relaying it", runs: "every profile" },
      { file: "runtime/persistence/outbox.test.ts", test: "keeps a committed event through a crash before relay", runs: "unit" },
    ],
  },
  {
    scenario: "SIGSTOP a consumer past the BullMQ lock",
    expected: "effect once",
    proofs: [{ file: nemesis, test: "notifications is frozen (SIGSTOP) past its job's lock while it holds a confirmation", runs: "split" }],
  },
  {
    scenario: "Redis restart mid-saga",
    expected: "every saga completes, charged and told once",
    proofs: [{ file: nemesis, test: "Redis is killed mid-checkout and restarted on its data", runs: "split" }],
  },
  {
    scenario: "Redis that may evict keys",
    expected: "the event channel refuses to start, naming the policy",
    proofs: [{ file: "runtime/bus/bullmq/eviction.test.ts", test: "refuses to start, naming the policy and how to set it", runs: "unit" }],
  },
  {
    scenario: "a warehouse slower than the callers' deadline, or stalled",
    expected: "fails within the deadline, the breaker opens, no charge held, no orphan reservation",
    proofs: [
      { file: stall, test: "times out within the deadline, then answers circuit_open at once", runs: "split" },
      { file: stall, test: "refuses a checkout at once, creating nothing, while the circuit to the warehouse is open", runs: "split" },
    ],
  },
  {
    scenario: "one service's database stalled, or refusing connections (through the TCP fault proxy)",
    expected: "503 database_unavailable within the deadline, the other services answering, and it recovers",
    proofs: [
      {
        file: "runtime/host/split-db-stall.test.ts",
        test: "answers 503 database_unavailable within the deadline while its database holds every packet",
        runs: "split",
      },
      {
        file: "runtime/host/split-db-stall.test.ts",
        test: "answers 503 database_unavailable at once while its database refuses connections",
        runs: "split",
      },
    ],
  },
  {
    scenario: "reply lost after the provider committed",
    expected: "the retry replays, one effect",
    proofs: [
      { file: partialFailure, test: "the warehouse commits but its reply is lost: the saga calls again, the commit replays", runs: "every profile" },
      { file: partialFailure, test: "payments charges but its reply is lost, and its news comes first", runs: "every profile" },
    ],
  },
  {
    scenario: "partition between orders and payments during a checkout",
    expected: "the order ends with its reason, the charge made unseen refunded once it heals, never stuck",
    proofs: [{ file: partialFailure, test: "orders and payments partitioned mid-checkout", runs: "every profile" }],
  },
  {
    scenario: "clock skew ±5 min",
    expected: "checkouts confirm; reservations expire at their TTL, not before",
    proofs: [
      { file: "harness/systems/shop/clock-skew.suite.ts", test: "warehouse 5 min ahead and orders 5 min behind", runs: "every profile" },
      {
        file: "harness/systems/shop/clock-skew.suite.ts",
        test: "a reservation the saga cannot commit is held for its whole TTL, then expires",
        runs: "every profile",
      },
    ],
  },
  {
    scenario: "SIGTERM during checkouts",
    expected: "drained, resumed, nothing lost",
    proofs: [
      { file: "runtime/host/shutdown.test.ts", test: "drains in order: checkouts in flight get their real answers", runs: "split" },
      { file: "runtime/host/shutdown.test.ts", test: "lets a request already in flight finish, then exits cleanly", runs: "unit" },
    ],
  },
  {
    scenario: "events out of order",
    expected: "read models converge",
    proofs: [
      { file: "modules/search/search.test.ts", test: "indexes an update that arrives before its product.created", runs: "unit" },
      { file: "modules/products/stock-read-model.test.ts", test: "ignores news older than what it has", runs: "unit" },
    ],
  },
  {
    scenario: "a poison message",
    expected: "dead letter; the queue keeps flowing",
    proofs: [{ file: shopChaos, test: "a poison message ends as a dead letter, and the queue keeps flowing", runs: "every profile" }],
  },
  {
    scenario: "a saga step fails for good, for every step, every way",
    expected: "the steps before it undone once, latest first",
    proofs: [{ file: "harness/checkers/saga-compensation.ts", test: "the steps before it undone once, latest first", runs: "every profile" }],
  },
  {
    scenario: "the browser closes mid-checkout",
    expected: "the order resolves; the same retry answers that one order",
    proofs: [{ file: partialFailure, test: "a customer's browser closes mid-checkout", runs: "every profile" }],
  },
  {
    scenario: "a learner's connection drops mid-exam",
    expected: "the session resumes, or is graded once past its deadline",
    proofs: [
      {
        file: "harness/systems/learning/flows/exam-network-drop.flow.yaml",
        test: "Exam network drop: a learner who vanishes and comes back resumes the open session",
        runs: "every profile",
      },
    ],
  },
  {
    scenario: "two devices at once",
    expected: "no overwritten progress, no lost update",
    proofs: [
      {
        file: "harness/systems/learning/flows/two-devices.flow.yaml",
        test: "Two devices report progress in one lesson at once",
        runs: "every profile",
      },
      {
        file: "harness/systems/shop/flows/two-devices.flow.yaml",
        test: "Journey 6: concurrent edits from two devices lose no update",
        runs: "every profile",
      },
    ],
  },
  {
    scenario: "ten parallel checkouts under one key",
    expected: "one order, one charge, the stock taken once",
    proofs: [{ file: partialFailure, test: "ten checkouts at once under one Idempotency-Key", runs: "every profile" }],
  },
  {
    scenario: "cascading failure: a slow warehouse under 200 concurrent checkouts",
    expected: "placed or shed at once; orders keeps answering its other routes; every order ends",
    proofs: [{ file: stall, test: "keeps answering orders' other routes while 200 checkouts wait on a slow warehouse", runs: "split" }],
  },
  {
    scenario: "an event's first delivery lost",
    expected: "delivered later, once",
    proofs: [{ file: shopChaos, test: "an event whose first delivery is lost arrives later, once", runs: "every profile" }],
  },
  {
    scenario: "a refused charge",
    expected: "compensation: cancelled with the reason, stock released, nothing charged",
    proofs: [{ file: shopChaos, test: "a charge refused by payments compensates", runs: "every profile" }],
  },
  {
    scenario: "kill -9 orders mid-checkout",
    expected: "its sagas resume from the database, confirmed and charged once",
    proofs: [
      { file: nemesis, test: "orders is killed mid-checkout and restarted", runs: "split" },
      { file: "modules/orders/saga-restart.test.ts", test: "resumes after a kill mid-payment and charges exactly once", runs: "split" },
    ],
  },
  {
    scenario: "a crash at every crash point of every module",
    expected: "the journey ends as it should, or fails cleanly; the invariants hold",
    proofs: [{ file: "harness/checkers/crash-sweep.ts", test: "the journey ends as it should", runs: "every profile" }],
  },
  {
    scenario: "a service down",
    expected: "503 at once, its events kept for it, and it recovers after a restart",
    proofs: [
      {
        file: "runtime/host/split-failures.test.ts",
        test: "answers 503 quickly when the service a call needs is down, and recovers after a restart",
        runs: "split",
      },
      {
        file: "runtime/host/split-failures.test.ts",
        test: "keeps events for a subscriber that is down and delivers them when it is back",
        runs: "split",
      },
    ],
  },
  {
    scenario: "one replica killed mid-checkout",
    expected: "the other takes the requests, the killed one resumes its sagas: 0 lost, 0 doubled, 0 stuck",
    proofs: [{ file: "runtime/host/replicas.test.ts", test: "SIGKILL of one orders replica mid-checkout", runs: "split-replicated" }],
  },
  {
    scenario: "a background task run by two replicas",
    expected: "each item handled once (a mutant that does not claim its work is caught)",
    proofs: [
      {
        file: "harness/mutants/unsafe-with-two-replicas.test.ts",
        test: "a background task that takes its work without claiming it",
        runs: "split-replicated",
      },
    ],
  },
  {
    scenario: "a broker without persistence restarted",
    expected: "the event it held is lost: caught by the harness (a mutant)",
    proofs: [
      {
        file: "harness/mutants/broker-without-persistence.test.ts",
        test: "a broker without persistence loses the event it held across its restart",
        runs: "split",
      },
    ],
  },
  {
    scenario: "a reserve that arrives after its release",
    expected: "holds nothing: the order is already released",
    proofs: [
      { file: "modules/warehouse/reservations.test.ts", test: "holds nothing for a reserve that arrives after its order was released", runs: "unit" },
    ],
  },
  {
    scenario: "a network that misbehaves between a client and Redis (TCP fault proxy)",
    expected: "latency seen and removed, a reset connection recovered, a proxy down then up reconnected",
    proofs: [
      { file: "harness/nemesis/proxy/redis.test.ts", test: "sees its connection reset by reset_peer", runs: "unit" },
      { file: "harness/nemesis/proxy/redis.test.ts", test: "fails while the proxy is down, and reconnects once it is enabled again", runs: "unit" },
    ],
  },
];
