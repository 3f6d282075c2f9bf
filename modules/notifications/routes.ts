import { type Context, Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { NotificationList, NotificationListQuery } from "../../contracts/notifications/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, endpoint, type ModuleContext, principal, requireOperator, requireSession, resource } from "../../runtime/module-api/index.ts";
import { Notification } from "./entities.ts";
import { toNotificationList } from "./views.ts";

/**
 * Customers read only their own notifications: the user comes from the session, and no customer endpoint
 * takes a user id. The operator API reads anyone's (back office, system tests).
 */
export function notificationsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  const listFor = async (c: Context, userId: string, kind: string | undefined) => {
    // In the order the events happened (their ids are time-ordered UUIDv7s), not the order they were handled:
    // two events published together may be handled either way round, in any topology.
    const rows = await ctx.db
      .em()
      .find(Notification, { userId, ...(kind ? { kind } : {}) }, { orderBy: { sourceEventId: "asc", createdAt: "asc", id: "asc" } });
    return c.json(toNotificationList(rows), 200);
  };

  app.get(
    "/notifications",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );
  resource(app, "/notifications", {
    GET: endpoint({
      summary: "List my notifications",
      description: "In the order their events happened; `?kind=` keeps one kind.",
      query: NotificationListQuery,
      responses: { 200: NotificationList },
      handle: (c, input) => listFor(c, principal(c).user_id, input.query().kind),
    }),
  });
  app.on(["GET", "DELETE"], "/notifications/:user_id", requireOperator(ctx));
  resource(app, "/notifications/:user_id", {
    GET: endpoint({
      summary: "List a user's notifications",
      description: "In the order their events happened; `?kind=` keeps one kind.",
      params: { user_id: Id },
      query: NotificationListQuery,
      responses: { 200: NotificationList },
      handle: (c, input) => listFor(c, input.param("user_id"), input.query().kind),
    }),
    DELETE: endpoint({
      summary: "Remove a synthetic user's notifications",
      description:
        "How a synthetic transaction cleans up: every notification of the user, all suppressed. A user who was ever sent one is real: 409 `not_synthetic`.",
      params: { user_id: Id },
      responses: { 204: null },
      errors: ["not_synthetic"],
      handle: async (c, input) => {
        const userId = input.param("user_id");
        await ctx.db.transaction(async ({ em }) => {
          if ((await em.count(Notification, { userId, delivery: { $ne: "suppressed" } })) > 0)
            throw new AppError("not_synthetic", "this user was sent notifications: only a synthetic user's are removed");
          await em.nativeDelete(Notification, { userId });
        });
        return c.body(null, 204);
      },
    }),
  });
  return app;
}
