import { Hono } from "hono";
import { accountRoutes } from "./account-routes.ts";
import { authRoutes } from "./auth-routes.ts";
import { operatorRoutes } from "./operator-routes.ts";
import type { UsersContext } from "./settings.ts";

export function usersRoutes(ctx: UsersContext): Hono {
  const app = new Hono();
  operatorRoutes(app, ctx);
  authRoutes(app, ctx);
  accountRoutes(app, ctx);
  return app;
}
