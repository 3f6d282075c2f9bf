import type { Context, MiddlewareHandler } from "hono";
import { Authenticate } from "../../contracts/users/calls.ts";
import { guard, isOperator, type ModuleContext, principal, requireSession } from "../../runtime/module-api/index.ts";

/** Who is reading orders: the back office (any user's orders) or a customer (only their own). */
export type Audience = { readonly operator: true } | { readonly operator: false; readonly userId: string };

/** Lets the operator key through, and otherwise requires a customer session. */
export const operatorOrCustomer = (ctx: ModuleContext): MiddlewareHandler => {
  const session = requireSession((token) => ctx.call(Authenticate, { token }));
  return guard(["operator", "session"], async (c, next) => {
    if (isOperator(c, ctx)) return next();
    return session(c, next);
  });
};

export const audienceOf = (c: Context, ctx: ModuleContext): Audience =>
  isOperator(c, ctx) ? { operator: true } : { operator: false, userId: principal(c).user_id };
