import type { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { ProfileBody, ProfileView, SessionList } from "../../contracts/users/api.ts";
import { endpoint, principal, requireSession, resource } from "../../runtime/module-api/index.ts";
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
    GET: endpoint({
      summary: "Read my profile",
      responses: { 200: ProfileView },
      handle: async (c) => c.json(toProfileView(await findUser(ctx, principal(c).user_id)), 200),
    }),
    PUT: endpoint({
      summary: "Replace my profile",
      description: "Name, phone and address; `profile_complete` tells whether checkout has what it needs.",
      body: ProfileBody,
      responses: { 200: ProfileView },
      handle: async (c, input) => {
        const body = await input.body();
        return c.json(toProfileView(await updateProfile(ctx, principal(c).user_id, body)), 200);
      },
    }),
  });
  resource(app, "/sessions", {
    GET: endpoint({
      summary: "List my signed-in devices",
      responses: { 200: SessionList },
      handle: async (c) => {
        const me = principal(c);
        const sessions = await activeSessions(ctx, me.user_id);
        return c.json({ sessions: sessions.map((s) => toSessionView(s, me.session_id)) }, 200);
      },
    }),
  });
  resource(app, "/sessions/:id", {
    DELETE: endpoint({
      summary: "Sign one of my devices out",
      params: { id: Id },
      responses: { 204: null },
      errors: ["not_found"],
      handle: async (c, input) => {
        await revokeSession(ctx, principal(c).user_id, input.param("id"));
        return c.body(null, 204);
      },
    }),
  });
}
