import type { Handler, Hono } from "hono";
import { AppError } from "../errors.ts";
import { errorResponse } from "./errors.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Registers the handlers of one path and answers every other method with 405 and an Allow header, so
 * "wrong method" and "no such route" stay distinguishable.
 */
export function resource(app: Hono, path: string, handlers: Partial<Record<Method, Handler>>): void {
  const allowed = Object.keys(handlers) as Method[];
  for (const method of allowed) app.on(method, path, handlers[method] as Handler);
  app.all(path, (c) => {
    c.header("allow", allowed.join(", "));
    return errorResponse(c, new AppError("method_not_allowed", `${c.req.method} is not allowed here`, { allow: allowed }));
  });
}
