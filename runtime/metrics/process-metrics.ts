import { type Context, Hono } from "hono";
import { collectDefaultMetrics, Registry } from "prom-client";
import type { BusObserver } from "../bus/observer.ts";
import type { ModuleDefinition } from "../module.ts";
import { busMetrics } from "./bus-metrics.ts";
import { httpMetrics } from "./http-metrics.ts";
import { routeLabel } from "./route-label.ts";
import { type ScrapedGauge, scrapedGauges } from "./scraped-gauge.ts";

/** Where every process serves its metrics, in Prometheus's text format. */
const METRICS_PATH = "/metrics";

/** The metrics of one process: what its HTTP shell and its bus observe, and gauges read when scraped. */
export interface ProcessMetrics {
  /** Told of every request that is work, once answered. */
  readonly observeRequest: (c: Context, durationMs: number) => void;
  readonly observeBus: BusObserver;
  /** The route template a request is counted under (route-label.ts). */
  readonly routeOf: (c: Context) => string;
  /** Adds gauges read at every scrape (the process's state, its modules' own gauges). */
  watch(gauges: readonly ScrapedGauge[]): void;
  /** GET /metrics. */
  readonly routes: Hono;
}

/**
 * Bun answers V8's heap-space statistics by walking its own heap: a scrape would block the event loop for ~100 ms
 * and more as the heap grows, for numbers that read 0 in all spaces but one. prom-client's other defaults are cheap.
 */
const SLOW_UNDER_BUN = ["total", "used", "available"].map((kind) => `nodejs_heap_space_size_${kind}_bytes`);

/**
 * A registry of the process's own, never prom-client's global one: in-process topologies and tests hold
 * several processes in one, and each counts only itself. Every series carries `service` (the process's name),
 * and the runtime's process metrics (CPU, memory, event-loop lag, handles) come with it: prom-client's
 * defaults, which work under Bun (no garbage-collection timings arrive, and the active handles read 0) but for the heap spaces.
 */
export function processMetrics(service: string, described: readonly ModuleDefinition[]): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  for (const name of SLOW_UNDER_BUN) registry.removeSingleMetric(name);
  const routes = new Hono();
  routes.get(METRICS_PATH, async (c) => c.body(await registry.metrics(), 200, { "content-type": registry.contentType }));
  const routeOf = routeLabel(described);
  return {
    routeOf,
    observeRequest: httpMetrics(registry, routeOf),
    observeBus: busMetrics(registry),
    watch: scrapedGauges(registry),
    routes,
  };
}
