import type { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CreateUserBody } from "../../contracts/users/api.ts";
import { readBody, readParam, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { createByOperator, findUser } from "./accounts.ts";
import type { UsersContext } from "./settings.ts";
import { toUserView } from "./views.ts";

/** The back office's view of users: create one directly, look one up. Needs the operator key. */
export function operatorRoutes(app: Hono, ctx: UsersContext): void {
  const operator = requireOperator(ctx);
  app.on("POST", "/users", operator);
  app.on("GET", "/users/:id", operator);
  resource(app, "/users", {
    POST: async (c) => c.json(toUserView(await createByOperator(ctx, await readBody(c, CreateUserBody))), 201),
  });
  resource(app, "/users/:id", {
    GET: async (c) => c.json(toUserView(await findUser(ctx, readParam(c, "id", Id))), 200),
  });
}
