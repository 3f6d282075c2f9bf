import { Hono } from "hono";
import type { NotificationList } from "../../contracts/notifications/api.ts";
import { resource } from "../../runtime/http/resource.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { Notification } from "./entities.ts";

export function notificationsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  resource(app, "/notifications/:user_id", {
    GET: async (c) => {
      const rows = await ctx.db.em().find(Notification, { userId: c.req.param("user_id") }, { orderBy: { createdAt: "asc", id: "asc" } });
      const body: NotificationList = {
        count: rows.length,
        notifications: rows.map((n) => ({
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          message: n.message,
          created_at: n.createdAt.toISOString(),
        })),
      };
      return c.json(body, 200);
    },
  });
  return app;
}
