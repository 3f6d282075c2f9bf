import { duration, oneOf, UsageError, wholeNumber } from "../../runtime/cli/command-line.ts";
import { command } from "../../runtime/cli/commands.ts";
import { EXIT } from "../../runtime/cli/main.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { createLogger, LOG_FORMATS, LOG_LEVELS } from "../../runtime/log/logger.ts";
import { syntheticMetrics } from "../../runtime/metrics/synthetic-metrics.ts";
import { type JourneyResult, runJourney } from "./journey.ts";

const summary = (result: JourneyResult, ms: number): string =>
  result.ok
    ? `synthetic journey ok in ${(ms / 1000).toFixed(1)} s: ${result.steps.map((s) => `${s.step} ${s.durationMs.toFixed(0)} ms`).join(", ")}`
    : `synthetic journey FAILED at step ${result.failed?.step}: ${result.failed?.error}`;

/** The deployment's operator key, which alone may mark traffic synthetic: TWOFOLD_OPERATOR_KEY, or development's. */
function operatorKey(env: Record<string, string | undefined>): string {
  const key = env.TWOFOLD_OPERATOR_KEY ?? (env.TWOFOLD_ENV === "development" ? DEVELOPMENT_OPERATOR_KEY : undefined);
  if (!key) throw new UsageError("needs the deployment's operator key in TWOFOLD_OPERATOR_KEY (only the operator may mark traffic synthetic)");
  return key;
}

/** `twofold synthetic`: the shop's checkout journey as a synthetic customer, once (exit 0 or 1, for CI) or every few minutes. */
export const syntheticCommand = command(
  "synthetic",
  {
    usage: "twofold synthetic",
    summary:
      "Runs the shop's checkout journey against a deployment (monolith or split, by URL) as a synthetic customer: treated as real through the whole pipeline, told to nobody, in no business figure, cleaned up. Each step's outcome and time is logged (JSON on stderr) and counted (--metrics-port). With --once it exits 0, or 1 naming the failed step.",
    options: {
      base: { type: "string", value: "URL", help: "the deployment's public URL (required)" },
      once: { type: "boolean", default: false, help: "run the journey once and exit: 0 ok, 1 failed" },
      every: { type: "string", value: "DURATION", default: "5m", help: "without --once, how often to run it" },
      settle: {
        type: "string",
        value: "DURATION",
        default: "30s",
        help: "how long an eventually consistent step may take (the order's outcome, a notification)",
      },
      "metrics-port": { type: "string", value: "PORT", help: "serve the journey's metrics at http://0.0.0.0:PORT/metrics" },
    },
    examples: [
      "twofold synthetic --base http://localhost:5000 --once",
      "TWOFOLD_OPERATOR_KEY=... twofold synthetic --base https://shop.example --every 5m --metrics-port 9464",
    ],
  },
  async ({ values }) => {
    if (!values.base) throw new UsageError("--base URL is required: the deployment to run the journey against");
    if (!URL.canParse(values.base)) throw new UsageError(`--base is no URL: "${values.base}"`);
    const base = values.base;
    const everyMs = duration("every", values.every);
    const settleMs = duration("settle", values.settle);
    const metricsPort = values["metrics-port"] === undefined ? undefined : wholeNumber("metrics-port", values["metrics-port"], 1);
    const key = operatorKey(process.env);
    const log = createLogger(
      {
        level: oneOf("LOG_LEVEL", process.env.LOG_LEVEL ?? "info", LOG_LEVELS),
        format: oneOf("LOG_FORMAT", process.env.LOG_FORMAT ?? "json", LOG_FORMATS),
      },
      "synthetic",
    );
    const metrics = syntheticMetrics();
    const server =
      metricsPort === undefined
        ? undefined
        : Bun.serve({
            port: metricsPort,
            fetch: async (request) => {
              if (new URL(request.url).pathname !== "/metrics") return new Response("not found", { status: 404 });
              const { text, contentType } = await metrics.exposition();
              return new Response(text, { headers: { "content-type": contentType } });
            },
          });
    const once = async (): Promise<boolean> => {
      const started = performance.now();
      const result = await runJourney({
        base,
        operatorKey: key,
        settleMs,
        onStep: (step) => {
          metrics.step(step.step, step.ok, step.durationMs / 1000);
          const line = {
            step: step.step,
            outcome: step.ok ? "ok" : "failed",
            duration_ms: Math.round(step.durationMs),
            ...(step.error ? { error: step.error } : {}),
          };
          if (step.ok) log.info(line, `synthetic step ${step.step} ok`);
          else log.error(line, `synthetic step ${step.step} failed: ${step.error}`);
        },
      });
      const ms = performance.now() - started;
      metrics.run(result.ok, ms / 1000);
      const fields = {
        correlation_id: result.correlationId,
        outcome: result.ok ? "ok" : "failed",
        duration_ms: Math.round(ms),
        failed_step: result.failed?.step,
      };
      (result.ok ? log.info.bind(log) : log.error.bind(log))(fields, summary(result, ms));
      console.log(summary(result, ms));
      return result.ok;
    };
    if (values.once) {
      const ok = await once();
      server?.stop(true);
      return ok ? EXIT.ok : EXIT.findings;
    }
    let running = true;
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => (running ? (running = false) : process.exit(EXIT.ok)));
    while (running) {
      await once();
      const next = Date.now() + everyMs;
      while (running && Date.now() < next) await Bun.sleep(Math.min(1000, next - Date.now()));
    }
    server?.stop(true);
    return EXIT.ok;
  },
);
