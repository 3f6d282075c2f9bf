import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log/logger.ts";

/** Renders an AppError in the one error envelope with its status and headers. */
export const errorResponse = (c: Context, error: AppError): Response => c.json(error.toBody(), error.status as 400, error.headers);

/**
 * Everything a route throws ends here: AppErrors keep their code and status; anything else is a bug, logged
 * with its stack and answered as `internal` without leaking details.
 */
export const onError =
  (log: Logger) =>
  (error: Error, c: Context): Response => {
    if (error instanceof AppError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status === 413) {
      return errorResponse(c, new AppError("payload_too_large", "request body is too large"));
    }
    const failure = toAppError(error);
    // Only an unknown failure is a bug; a database that did not answer is a condition of the moment.
    const level = failure.code === "internal" ? "error" : "warn";
    log[level]({ err: error, method: c.req.method, path: c.req.path }, `${c.req.method} ${c.req.path} failed`);
    return errorResponse(c, failure);
  };

export const notFound = (c: Context): Response => errorResponse(c, new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`));
