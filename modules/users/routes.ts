import { Hono } from "hono";
import type { ModuleContext } from "../../runtime/module.ts";
import { accountRoutes } from "./account-routes.ts";
import { authRoutes } from "./auth-routes.ts";
import { operatorRoutes } from "./operator-routes.ts";

export function usersRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  operatorRoutes(app, ctx);
  authRoutes(app, ctx);
  accountRoutes(app, ctx);
  return app;
}
