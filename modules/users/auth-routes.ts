import type { Hono } from "hono";
import { ForgotPasswordBody, LoginBody, RegisterBody, ResetPasswordBody, VerifyEmailBody } from "../../contracts/users/api.ts";
import { readBody } from "../../runtime/http/body.ts";
import { resource } from "../../runtime/http/resource.ts";
import { principal, requireSession } from "../../runtime/http/session.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { register } from "./accounts.ts";
import { requestPasswordReset, resetPassword } from "./recovery.ts";
import { authenticate, login, revokeSession } from "./sessions.ts";
import { verifyEmail } from "./verification.ts";
import { toProfileView } from "./views.ts";

/** Signing up, in and out, and getting back into an account: the customer's /auth endpoints. */
export function authRoutes(app: Hono, ctx: ModuleContext): void {
  resource(app, "/auth/register", {
    POST: async (c) => c.json(toProfileView(await register(ctx, await readBody(c, RegisterBody))), 201),
  });
  resource(app, "/auth/verify-email", {
    POST: async (c) => c.json(toProfileView(await verifyEmail(ctx, (await readBody(c, VerifyEmailBody)).token)), 200),
  });
  resource(app, "/auth/login", {
    POST: async (c) => {
      const body = await readBody(c, LoginBody);
      const device = body.device ?? c.req.header("user-agent")?.slice(0, 100) ?? "unknown device";
      const { token, session } = await login(ctx, body, device);
      return c.json({ token, session_id: session.id, user_id: session.userId, expires_at: session.expiresAt.toISOString() }, 200);
    },
  });
  app.on("POST", "/auth/logout", requireSession((token) => authenticate(ctx, token)));
  resource(app, "/auth/logout", {
    POST: async (c) => {
      const me = principal(c);
      await revokeSession(ctx, me.user_id, me.session_id);
      return c.body(null, 204);
    },
  });
  resource(app, "/auth/forgot-password", {
    POST: async (c) => {
      await requestPasswordReset(ctx, (await readBody(c, ForgotPasswordBody)).email);
      return c.json({ status: "accepted" }, 202);
    },
  });
  resource(app, "/auth/reset-password", {
    POST: async (c) => {
      const body = await readBody(c, ResetPasswordBody);
      await resetPassword(ctx, body.token, body.password);
      return c.json({ status: "password_reset" }, 200);
    },
  });
}
