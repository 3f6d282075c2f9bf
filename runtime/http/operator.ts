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

/** The password of an HTTP Basic `authorization` header (any user name), or undefined. */
function basicPassword(authorization: string | undefined): string | undefined {
  const [scheme, encoded] = authorization?.split(" ") ?? [];
  if (scheme?.toLowerCase() !== "basic" || !encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/**
 * An operator page opened in a browser (the queue dashboard), whose own scripts send no custom header: the
 * key in x-operator-key, or as the password of HTTP Basic auth, which the browser asks for once (the 401's
 * WWW-Authenticate) and then sends with every request under the page.
 */
export const requireOperatorPage =
  (operators: OperatorGate): MiddlewareHandler =>
  async (c, next) => {
    const key = c.req.header(OPERATOR_KEY_HEADER) ?? basicPassword(c.req.header("authorization"));
    if (!operators.admits(key)) {
      throw new AppError(
        "operator_key_required",
        `this page needs the operator key, in ${OPERATOR_KEY_HEADER} or as the Basic auth password`,
        undefined,
        {
          "www-authenticate": 'Basic realm="twofold operator", charset="UTF-8"',
        },
      );
    }
    await next();
  };
