import type { DependencyState } from "../bus/resilience/policies.ts";
import type { DeadLetter } from "../bus/transport.ts";
import type { OutboxLag } from "../persistence/outbox-relay.ts";
import type { Sample, ScrapedGauge } from "./scraped-gauge.ts";

/** What a process knows of its own state, each read when /metrics is scraped. */
export interface ProcessState {
  readonly requestsInFlight: () => number;
  /** Deliveries accepted and not yet finished in the queues this process consumes. */
  readonly eventsPending: () => Promise<number>;
  readonly deadLetters: () => Promise<readonly DeadLetter[]>;
  readonly outboxLag: () => Promise<readonly OutboxLag[]>;
  readonly dependencies: () => Readonly<Record<string, DependencyState>>;
}

/** A circuit's state as a number, so it can be graphed and alerted on: 0 closed, 1 half-open, 2 open. */
const CIRCUIT_STATES = { closed: 0, half_open: 1, open: 2 } as const;

const one = (value: number): Sample[] => [{ labels: {}, value }];

/** Counts of the given items by the labels each yields. */
function countBy<T>(items: readonly T[], labelsOf: (item: T) => Record<string, string>): Sample[] {
  const counts = new Map<string, Sample>();
  for (const item of items) {
    const labels = labelsOf(item);
    const key = JSON.stringify(labels);
    counts.set(key, { labels, value: (counts.get(key)?.value ?? 0) + 1 });
  }
  return [...counts.values()];
}

/** One read shared by every gauge that asks while it runs: a scrape (its gauges are read at once) reads the outboxes once. */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () =>
    (running ??= read().finally(() => {
      running = undefined;
    }));
}

/** The runtime's gauges of a process: requests and events in flight, dead letters, outbox lag, circuits and bulkheads. */
export function stateGauges(state: ProcessState): ScrapedGauge[] {
  const dependencies = () => Object.entries(state.dependencies());
  const outboxLag = shared(state.outboxLag);
  return [
    {
      name: "twofold_http_requests_in_flight",
      help: "HTTP requests being answered now (health, readiness, metrics and the harness's reads not counted)",
      labels: [],
      read: () => one(state.requestsInFlight()),
    },
    {
      name: "twofold_events_pending",
      help: "Event deliveries accepted and not yet finished in the queues this process consumes",
      labels: [],
      read: async () => one(await state.eventsPending()),
    },
    {
      name: "twofold_dead_letters",
      help: "Deliveries that ran out of attempts and wait for an operator, by subscriber and event type",
      labels: ["subscriber", "event"],
      read: async () => countBy(await state.deadLetters(), (letter) => ({ subscriber: letter.subscriber, event: letter.envelope.type })),
    },
    {
      name: "twofold_outbox_pending",
      help: "Events committed in a module's outbox and not yet accepted by the transport, by module",
      labels: ["module"],
      read: async () => (await outboxLag()).map((lag) => ({ labels: { module: lag.module }, value: lag.pending })),
    },
    {
      name: "twofold_outbox_oldest_age_seconds",
      help: "How long the oldest event in a module's outbox has waited to be relayed (0 when none waits), by module",
      labels: ["module"],
      read: async () => (await outboxLag()).map((lag) => ({ labels: { module: lag.module }, value: lag.oldestAgeMs / 1000 })),
    },
    {
      name: "twofold_circuit_state",
      help: "Each caller's circuit to each callee it has called: 0 closed, 1 half-open, 2 open",
      labels: ["caller", "callee"],
      read: () =>
        dependencies().flatMap(([callee, dependency]) =>
          Object.entries(dependency.circuits).map(([caller, circuit]) => ({ labels: { caller, callee }, value: CIRCUIT_STATES[circuit.state] })),
        ),
    },
    {
      name: "twofold_bulkhead_in_flight",
      help: "Calls from this process waiting on a callee, by callee",
      labels: ["callee"],
      read: () => dependencies().map(([callee, dependency]) => ({ labels: { callee }, value: dependency.in_flight })),
    },
    {
      name: "twofold_bulkhead_capacity",
      help: "How many calls from this process may wait on a callee before the next is refused, by callee",
      labels: ["callee"],
      read: () => dependencies().map(([callee, dependency]) => ({ labels: { callee }, value: dependency.max_in_flight })),
    },
  ];
}
