import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** What a synthetic transaction's runner counts: each run's outcome, and each step's time and outcome. */
export interface SyntheticMetrics {
  step(step: string, ok: boolean, seconds: number): void;
  run(ok: boolean, seconds: number): void;
  /** The Prometheus text exposition, and its content type, to serve at /metrics. */
  exposition(): Promise<{ text: string; contentType: string }>;
}

/**
 * The metrics of `twofold synthetic`, in a registry of its own with `service="synthetic"`: an alert on
 * `twofold_synthetic_runs_total{outcome="failed"}` or on an old `twofold_synthetic_last_success_seconds` sees the
 * deployment fail its customers before they say so.
 */
export function syntheticMetrics(): SyntheticMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "synthetic" });
  const registers = [registry];
  const runs = new Counter({
    name: "twofold_synthetic_runs_total",
    help: "Synthetic journeys run, by outcome (ok, failed)",
    labelNames: ["outcome"],
    registers,
  });
  const runDuration = new Histogram({
    name: "twofold_synthetic_run_duration_seconds",
    help: "Time a whole synthetic journey took, cleanup included",
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120],
    registers,
  });
  const steps = new Histogram({
    name: "twofold_synthetic_step_duration_seconds",
    help: "Time each step of a synthetic journey took, by step and outcome (ok, failed)",
    labelNames: ["step", "outcome"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const lastSuccess = new Gauge({
    name: "twofold_synthetic_last_success_seconds",
    help: "When a synthetic journey last succeeded (Unix time)",
    registers,
  });
  const outcome = (ok: boolean) => (ok ? "ok" : "failed");
  return {
    step: (step, ok, seconds) => steps.observe({ step, outcome: outcome(ok) }, seconds),
    run: (ok, seconds) => {
      runs.inc({ outcome: outcome(ok) });
      runDuration.observe(seconds);
      if (ok) lastSuccess.set(Date.now() / 1000);
    },
    exposition: async () => ({ text: await registry.metrics(), contentType: registry.contentType }),
  };
}
