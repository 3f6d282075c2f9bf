import type { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { ProfileBody } from "../../contracts/users/api.ts";
import { principal, readBody, readParam, requireSession, resource } from "../../runtime/module-api/index.ts";
import { findUser } from "./accounts.ts";
import { updateProfile } from "./profile.ts";
import { activeSessions, authenticate, revokeSession } from "./sessions.ts";
import type { UsersContext } from "./settings.ts";
import { toProfileView, toSessionView } from "./views.ts";

/** What a signed-in customer manages about themselves: their profile and their signed-in devices. */
export function accountRoutes(app: Hono, ctx: UsersContext): void {
  const session = requireSession((token) => authenticate(ctx, token));
  app.on(["GET", "PUT"], "/profile", session);
  app.on("GET", "/sessions", session);
  app.on("DELETE", "/sessions/:id", session);
  resource(app, "/profile", {
    GET: async (c) => c.json(toProfileView(await findUser(ctx, principal(c).user_id)), 200),
    PUT: async (c) => {
      const body = await readBody(c, ProfileBody);
      return c.json(toProfileView(await updateProfile(ctx, principal(c).user_id, body)), 200);
    },
  });
  resource(app, "/sessions", {
    GET: async (c) => {
      const me = principal(c);
      const sessions = await activeSessions(ctx, me.user_id);
      return c.json({ sessions: sessions.map((s) => toSessionView(s, me.session_id)) }, 200);
    },
  });
  resource(app, "/sessions/:id", {
    DELETE: async (c) => {
      await revokeSession(ctx, principal(c).user_id, readParam(c, "id", Id));
      return c.body(null, 204);
    },
  });
}
