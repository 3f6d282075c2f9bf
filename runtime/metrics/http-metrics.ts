import type { Context } from "hono";
import { Counter, Histogram, type Registry } from "prom-client";
import { SPOKEN_METHODS } from "../http/process-app.ts";

/**
 * Counts and times each request a process answers, by method, route template and status. A method the API
 * does not speak is counted as `other`, so no client can mint label values.
 */
export function httpMetrics(registry: Registry, routeOf: (c: Context) => string): (c: Context, durationMs: number) => void {
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "twofold_http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "twofold_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route template and status",
    labelNames,
    registers: [registry],
  });
  return (c, durationMs) => {
    const method = SPOKEN_METHODS.has(c.req.method) ? c.req.method : "other";
    const labels = { method, route: routeOf(c), status: String(c.res.status) };
    requests.inc(labels);
    duration.observe(labels, durationMs / 1000);
  };
}
