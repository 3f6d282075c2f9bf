import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { Hono } from "hono";
import { CreateUserBody } from "../../contracts/users/api.ts";
import { UserCreated } from "../../contracts/users/events.ts";
import { newId } from "../../runtime/bus/context.ts";
import { AppError } from "../../runtime/errors.ts";
import { readBody } from "../../runtime/http/body.ts";
import { resource } from "../../runtime/http/resource.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { User } from "./entities.ts";
import { toUserView } from "./views.ts";

export function usersRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  resource(app, "/users", {
    POST: async (c) => {
      const body = await readBody(c, CreateUserBody);
      try {
        const user = await ctx.db.transaction(async (tx) => {
          const created = tx.em.create(User, { id: newId(), name: body.name, email: body.email, createdAt: new Date() });
          const view = toUserView(created);
          tx.publish(UserCreated, { user_id: view.id, name: view.name, email: view.email, created_at: view.created_at });
          return created;
        });
        return c.json(toUserView(user), 201);
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw new AppError("email_taken", `a user with email ${body.email} already exists`);
        }
        throw error;
      }
    },
  });
  resource(app, "/users/:id", {
    GET: async (c) => {
      const user = await ctx.db.em().findOne(User, { id: c.req.param("id") });
      if (!user) throw new AppError("user_not_found", "no such user");
      return c.json(toUserView(user), 200);
    },
  });
  return app;
}
