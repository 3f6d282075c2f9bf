import { Counter, Histogram, type Registry } from "prom-client";
import type { BusObserver } from "../bus/observer.ts";

/**
 * Calls, publishes and deliveries counted from what the bus observes: each call by caller → callee, call and
 * outcome (`ok` or the error code, a fallback's included), each delivery attempt by subscriber, event type and
 * outcome. Counted where they happen: a call in the caller's process, a delivery in the subscriber's.
 */
export function busMetrics(registry: Registry): BusObserver {
  const registers = [registry];
  const calls = new Counter({
    name: "twofold_calls_total",
    help: "Calls made, by caller, callee, call and outcome (ok or the error code)",
    labelNames: ["caller", "callee", "call", "outcome"],
    registers,
  });
  const callDuration = new Histogram({
    name: "twofold_call_duration_seconds",
    help: "Time a call took for its caller, retries included, by caller, callee and call",
    labelNames: ["caller", "callee", "call"],
    registers,
  });
  const published = new Counter({
    name: "twofold_events_published_total",
    help: "Events handed to the transport, by publisher and event type",
    labelNames: ["publisher", "event"],
    registers,
  });
  const deliveries = new Counter({
    name: "twofold_deliveries_total",
    help: "Delivery attempts of events to subscribers, by subscriber, event type and outcome (ok or the error code)",
    labelNames: ["subscriber", "event", "outcome"],
    registers,
  });
  const deliveryDuration = new Histogram({
    name: "twofold_delivery_duration_seconds",
    help: "Time a subscriber's handler took for one delivery attempt, by subscriber and event type",
    labelNames: ["subscriber", "event"],
    registers,
  });
  return (record) => {
    const type = record.envelope.type;
    if (record.kind === "call") {
      const labels = { caller: record.from, callee: record.to, call: type };
      calls.inc({ ...labels, outcome: record.outcome });
      callDuration.observe(labels, record.durationMs / 1000);
    } else if (record.kind === "publish") {
      published.inc({ publisher: record.from, event: type });
    } else {
      deliveries.inc({ subscriber: record.to, event: type, outcome: record.outcome });
      deliveryDuration.observe({ subscriber: record.to, event: type }, record.durationMs / 1000);
    }
  };
}
