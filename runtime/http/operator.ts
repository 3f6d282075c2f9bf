import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import { OPERATOR_KEY_HEADER, sameSecret } from "../secrets.ts";
import { guard } from "./guard.ts";

/** Who may use the operator API: a module context carries one, so a module asks and never sees the key. */
export interface OperatorGate {
  /** Whether an operator key header is the deployment's key. */
  admits(key: string | undefined): boolean;
}

/** The gate of a deployment's key; without a configured key it admits nobody. */
export const operatorGate = (operatorKey: string | undefined): OperatorGate => ({ admits: (key) => sameSecret(key, operatorKey) });

/** Whether the request carries the operator key (for endpoints both audiences share). */
export const isOperator = (c: Context, ctx: { readonly operators: OperatorGate }): boolean => ctx.operators.admits(c.req.header(OPERATOR_KEY_HEADER));

/**
 * The operator API (back office, system tests) takes a per-deployment key. Without a configured key every
 * operator request is refused, so a production deployment that forgot one is closed, not open.
 */
export const requireOperator = (ctx: { readonly operators: OperatorGate }): MiddlewareHandler =>
  guard(["operator"], async (c, next) => {
    if (!isOperator(c, ctx)) throw new AppError("operator_key_required", `this endpoint needs a valid ${OPERATOR_KEY_HEADER} header`);
    await next();
  });
