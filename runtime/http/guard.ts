import type { MiddlewareHandler } from "hono";

/** What a request can prove: a customer's session (bearer token) or the deployment's operator key. */
export type Credential = "session" | "operator";

const guards = new WeakMap<MiddlewareHandler, readonly Credential[]>();

/**
 * Marks middleware as a guard admitting a request that proves any one of `accepts`. The API description
 * reads a route's security from the guards that apply to it, so what it says is what the middleware does.
 */
export function guard<M extends MiddlewareHandler>(accepts: readonly Credential[], middleware: M): M {
  guards.set(middleware, accepts);
  return middleware;
}

/** The credentials a handler registered on an app admits, when it is a guard. */
export const guardOf = (handler: unknown): readonly Credential[] | undefined => guards.get(handler as MiddlewareHandler);
