import type { Context, MiddlewareHandler } from "hono";
import { Authenticate } from "../../contracts/users/calls.ts";
import { isOperator, OPERATOR_KEY_HEADER } from "../../runtime/http/operator.ts";
import { principal, requireSession } from "../../runtime/http/session.ts";
import type { ModuleContext } from "../../runtime/module.ts";

/** Who is reading orders: the back office (any user's orders) or a customer (only their own). */
export type Audience = { readonly operator: true } | { readonly operator: false; readonly userId: string };

/** Lets the operator key through, and otherwise requires a customer session. */
export const operatorOrCustomer = (ctx: ModuleContext): MiddlewareHandler => {
  const session = requireSession((token) => ctx.call(Authenticate, { token }));
  return async (c, next) => {
    if (isOperator(c.req.header(OPERATOR_KEY_HEADER), ctx.config.operatorKey)) return next();
    return session(c, next);
  };
};

export const audienceOf = (c: Context, ctx: ModuleContext): Audience =>
  isOperator(c.req.header(OPERATOR_KEY_HEADER), ctx.config.operatorKey) ? { operator: true } : { operator: false, userId: principal(c).user_id };
