import type { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CreateUserBody, UserView } from "../../contracts/users/api.ts";
import { endpoint, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { createByOperator, findUser, removeSyntheticUser } from "./accounts.ts";
import type { UsersContext } from "./settings.ts";
import { toUserView } from "./views.ts";

/** The back office's view of users: create one directly, look one up, remove a synthetic one. Needs the operator key. */
export function operatorRoutes(app: Hono, ctx: UsersContext): void {
  const operator = requireOperator(ctx);
  app.on("POST", "/users", operator);
  app.on(["GET", "DELETE"], "/users/:id", operator);
  resource(app, "/users", {
    POST: endpoint({
      summary: "Create a user",
      description: "The back office's shortcut: a user without a password or a verification step (the TestMesh flow).",
      body: CreateUserBody,
      responses: { 201: UserView },
      errors: ["email_taken"],
      handle: async (c, input) => c.json(toUserView(await createByOperator(ctx, await input.body())), 201),
    }),
  });
  resource(app, "/users/:id", {
    GET: endpoint({
      summary: "Look a user up",
      params: { id: Id },
      responses: { 200: UserView },
      errors: ["user_not_found"],
      handle: async (c, input) => c.json(toUserView(await findUser(ctx, input.param("id"))), 200),
    }),
    DELETE: endpoint({
      summary: "Remove a synthetic user",
      description: "How a synthetic transaction cleans up: the user it registered, with its sessions and tokens. A real user is 409 `not_synthetic`.",
      params: { id: Id },
      responses: { 204: null },
      errors: ["user_not_found", "not_synthetic"],
      handle: async (c, input) => {
        await removeSyntheticUser(ctx, input.param("id"));
        return c.body(null, 204);
      },
    }),
  });
}
