import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import { sameSecret } from "../secrets.ts";

export const OPERATOR_KEY_HEADER = "x-operator-key";

/**
 * The operator API (back office, system tests) takes a per-deployment key. Without a configured key every
 * operator request is refused, so a production deployment that forgot one is closed, not open.
 */
export const requireOperator =
  (operatorKey: string | undefined): MiddlewareHandler =>
  async (c, next) => {
    const given = c.req.header(OPERATOR_KEY_HEADER);
    if (!sameSecret(given, operatorKey)) {
      throw new AppError("operator_key_required", `this endpoint needs a valid ${OPERATOR_KEY_HEADER} header`);
    }
    await next();
  };

/** Whether the request carries the operator key (for endpoints both audiences share). */
export const isOperator = (header: string | undefined, operatorKey: string | undefined): boolean =>
  sameSecret(header, operatorKey);
