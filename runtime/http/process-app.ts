import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { currentContext } from "../bus/context.ts";
import { openRequests } from "../bus/open-requests.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log/logger.ts";
import { accessLog } from "./access-log.ts";
import { CORRELATION_HEADER, correlation } from "./correlation.ts";
import { errorResponse, notFound, onError } from "./errors.ts";
import type { OperatorGate } from "./operator.ts";

interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, boolean | string>;
  /** Shown, never judged: the state of what this process depends on (circuits, bulkheads). */
  readonly dependencies?: unknown;
}

export interface ProcessAppOptions {
  readonly name: string;
  readonly bodyLimitBytes: number;
  readonly readiness: () => Promise<Readiness>;
  /** The process's logger: one access line per request, and the stack of anything a route throws that is not an AppError. */
  readonly log: Logger;
  /** Who may mark a conversation synthetic (synthetic.ts). */
  readonly operators: OperatorGate;
  /** Told of every request once answered (the harness's trace); only the public API, not health or harness calls. */
  readonly onRequest?: (request: { method: string; path: string; status: number; durationMs: number; correlationId: string }) => void;
  /** Told of every request that is work (not health, readiness, metrics or the harness's reads) once answered: metrics. */
  readonly onAnswered?: (c: Context, durationMs: number) => void;
  /**
   * Wraps every request but what only looks at the process and the internal endpoints (a call's span is the
   * bus's): the server span (runtime/telemetry/), outermost, so the access line is logged inside it.
   */
  readonly traced?: MiddlewareHandler;
}

/** Where every process answers liveness and readiness: the launcher waits on one, deploy manifests probe both. */
export const PROBE_PATHS = { liveness: "/health", readiness: "/ready" } as const;

/** Counts requests being served, so shutdown can drain them and the harness can tell when a process is idle. */
export class RequestGauge {
  inFlight = 0;
}

/**
 * Requests that only look at the process (health, readiness, metrics, the harness's reads of activity, state,
 * traces, SQL and the tap) are not work: counting them would keep a process "busy" for as long as anyone
 * watches it, and a scrape would count itself into the request metrics.
 */
const OBSERVATION = /^\/(health|ready|metrics)$|^\/(__twofold|internal\/observe)\/(idle|events|sql|state|trace|dead-letters)\b/;
const isObservation = (path: string): boolean => OBSERVATION.test(path);
const UNTRACED = /^\/(internal|__twofold)\//;

/** The methods the API speaks; any other Bun lets through (TRACE, CONNECT, WebDAV's) is 501 on every path. */
export const SPOKEN_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The HTTP shell every process shares (monolith, service, gateway): the access log, body limit, correlation,
 * the error envelope for everything including 404s and unknown methods, liveness at /health and readiness at /ready.
 */
export function createProcessApp(options: ProcessAppOptions, gauge: RequestGauge): Hono {
  const app = new Hono();
  app.onError(onError(options.log));
  app.notFound(notFound);
  const traced = options.traced;
  if (traced) app.use((c, next) => (isObservation(c.req.path) || UNTRACED.test(c.req.path) ? next() : traced(c, next)));
  // Outermost, so its line has the final status of every request, even one refused before it reached a route.
  app.use(accessLog(options.log, isObservation));
  const onAnswered = options.onAnswered;
  app.use(async (c, next) => {
    if (isObservation(c.req.path)) return next();
    const started = performance.now();
    gauge.inFlight++;
    try {
      await next();
    } finally {
      gauge.inFlight--;
    }
    onAnswered?.(c, performance.now() - started);
  });
  app.use(
    bodyLimit({
      maxSize: options.bodyLimitBytes,
      onError: (c) => errorResponse(c, new AppError("payload_too_large", `request body exceeds ${options.bodyLimitBytes} bytes`)),
    }),
  );
  app.use(correlation(options.operators));
  app.use(async (c, next) => {
    if (!SPOKEN_METHODS.has(c.req.method)) return errorResponse(c, new AppError("not_implemented", `${c.req.method} is not implemented`));
    await next();
  });
  // Which conversations are being answered here, for the after-response fault (runtime/bus/faults/).
  app.use(async (c, next) => {
    const correlationId = currentContext()?.correlationId;
    if (!correlationId || isObservation(c.req.path)) return next();
    openRequests.enter(correlationId);
    try {
      await next();
    } finally {
      openRequests.leave(correlationId);
    }
  });
  const onRequest = options.onRequest;
  if (onRequest) {
    app.use("/api/*", async (c, next) => {
      const started = performance.now();
      await next();
      const correlationId = c.res.headers.get(CORRELATION_HEADER) ?? "";
      onRequest({ method: c.req.method, path: c.req.path, status: c.res.status, durationMs: performance.now() - started, correlationId });
    });
  }
  app.get(PROBE_PATHS.liveness, (c) => c.json({ status: "ok", process: options.name }));
  app.get(PROBE_PATHS.readiness, async (c) => {
    const readiness = await options.readiness();
    return c.json(
      { status: readiness.ready ? "ready" : "not_ready", process: options.name, checks: readiness.checks, dependencies: readiness.dependencies },
      readiness.ready ? 200 : 503,
    );
  });
  return app;
}
