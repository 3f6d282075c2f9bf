import type { Context, Hono } from "hono";
import { ForgotPasswordBody, LoginBody, RegisterBody, ResetPasswordBody, VerifyEmailBody } from "../../contracts/users/api.ts";
import {
  addressBucket,
  clientAddress,
  type LimitRule,
  principal,
  readBody,
  requireSession,
  resource,
  throttle,
} from "../../runtime/module-api/index.ts";
import { register } from "./accounts.ts";
import { requestPasswordReset, resetPassword } from "./recovery.ts";
import { authenticate, login, revokeSession } from "./sessions.ts";
import { authLimits, type UsersContext } from "./settings.ts";
import { verifyEmail } from "./verification.ts";
import { toProfileView } from "./views.ts";

/**
 * Signing up, in and out, and getting back into an account: the customer's /auth endpoints. Each attempt is
 * throttled per client address (before the body is read) and per account (before any password hash), so a
 * flood is refused with 429 at the cost of a counter, never of an argon2 hash.
 */
export function authRoutes(app: Hono, ctx: UsersContext): void {
  const limits = authLimits(ctx.settings);
  const perAddress = (c: Context, rule: LimitRule) => throttle(ctx.limits, rule, addressBucket(clientAddress(c)));
  const perAccount = (rule: LimitRule, subject: string) => throttle(ctx.limits, rule, subject);

  resource(app, "/auth/register", {
    POST: async (c) => {
      await perAddress(c, limits.register.address);
      const body = await readBody(c, RegisterBody);
      await perAccount(limits.register.account, body.email);
      return c.json(toProfileView(await register(ctx, body)), 201);
    },
  });
  resource(app, "/auth/verify-email", {
    POST: async (c) => {
      await perAddress(c, limits.verify_email.address);
      const { token } = await readBody(c, VerifyEmailBody);
      await perAccount(limits.verify_email.account, token);
      return c.json(toProfileView(await verifyEmail(ctx, token)), 200);
    },
  });
  resource(app, "/auth/login", {
    POST: async (c) => {
      await perAddress(c, limits.login.address);
      const body = await readBody(c, LoginBody);
      const attempt = await perAccount(limits.login.account, body.email);
      const device = body.device ?? c.req.header("user-agent")?.slice(0, 100) ?? "unknown device";
      const { token, session } = await login(ctx, body, device);
      // Only failures count against the account: someone who knows their password is never throttled.
      await attempt.refund();
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
      await perAddress(c, limits.forgot_password.address);
      const { email } = await readBody(c, ForgotPasswordBody);
      // Counted whether or not the email has an account, so a 429 tells nothing about who is registered.
      await perAccount(limits.forgot_password.account, email);
      await requestPasswordReset(ctx, email);
      return c.json({ status: "accepted" }, 202);
    },
  });
  resource(app, "/auth/reset-password", {
    POST: async (c) => {
      await perAddress(c, limits.reset_password.address);
      const body = await readBody(c, ResetPasswordBody);
      await perAccount(limits.reset_password.account, body.token);
      await resetPassword(ctx, body.token, body.password);
      return c.json({ status: "password_reset" }, 200);
    },
  });
}
