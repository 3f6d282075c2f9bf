import type { MiddlewareHandler } from "hono";
import { conversationFields } from "../log/conversation.ts";
import type { Logger } from "../log/logger.ts";
import { CORRELATION_HEADER } from "./correlation.ts";

/**
 * One line per request once it is answered: method, path (never the query string, where a client may have put
 * a secret), status, duration and the correlation id it was answered with. Never headers or bodies. Requests
 * that only look at the process (health, readiness, the harness's reads) are `debug`, so probes do not drown
 * the log; an answer of 5xx is `warn` (a bug behind it is logged at `error` with its stack), anything else `info`.
 */
export const accessLog =
  (log: Logger, lookOnly: (path: string) => boolean): MiddlewareHandler =>
  async (c, next) => {
    const started = performance.now();
    await next();
    const { method, path } = c.req;
    const status = c.res.status;
    const level = lookOnly(path) ? "debug" : status >= 500 ? "warn" : "info";
    if (!log.isLevelEnabled(level)) return;
    const correlationId = c.res.headers.get(CORRELATION_HEADER);
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    log[level](
      { method, path, status, duration_ms: durationMs, ...(correlationId ? conversationFields({ correlationId }) : {}) },
      `${method} ${path} ${status} ${durationMs} ms`,
    );
  };
