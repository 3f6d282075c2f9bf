import type { Context, Hono } from "hono";
import {
  ForgotPasswordBody,
  ForgotPasswordView,
  LoginBody,
  LoginView,
  ProfileView,
  RegisterBody,
  ResetPasswordBody,
  ResetPasswordView,
  VerifyEmailBody,
} from "../../contracts/users/api.ts";
import {
  addressBucket,
  clientAddress,
  endpoint,
  type LimitRule,
  principal,
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
    POST: endpoint({
      summary: "Sign up",
      description: "Creates an unverified account; a verification token is mailed as a notification. Rate limited per address and per email.",
      body: RegisterBody,
      responses: { 201: ProfileView },
      errors: ["email_taken", "rate_limited"],
      handle: async (c, input) => {
        await perAddress(c, limits.register.address);
        const body = await input.body();
        await perAccount(limits.register.account, body.email);
        return c.json(toProfileView(await register(ctx, body)), 201);
      },
    }),
  });
  resource(app, "/auth/verify-email", {
    POST: endpoint({
      summary: "Verify an email address",
      description: "Spends the token of the verification notification. Rate limited per address and per token.",
      body: VerifyEmailBody,
      responses: { 200: ProfileView },
      errors: ["invalid_token", "rate_limited"],
      handle: async (c, input) => {
        await perAddress(c, limits.verify_email.address);
        const { token } = await input.body();
        await perAccount(limits.verify_email.account, token);
        return c.json(toProfileView(await verifyEmail(ctx, token)), 200);
      },
    }),
  });
  resource(app, "/auth/login", {
    POST: endpoint({
      summary: "Sign in",
      description: "Opens a session (one per device) and answers its bearer token. Failures are rate limited per email, every attempt per address.",
      body: LoginBody,
      responses: { 200: LoginView },
      errors: ["invalid_credentials", "rate_limited"],
      handle: async (c, input) => {
        await perAddress(c, limits.login.address);
        const body = await input.body();
        const attempt = await perAccount(limits.login.account, body.email);
        const device = body.device ?? c.req.header("user-agent")?.slice(0, 100) ?? "unknown device";
        const { token, session } = await login(ctx, body, device);
        // Only failures count against the account: someone who knows their password is never throttled.
        await attempt.refund();
        return c.json({ token, session_id: session.id, user_id: session.userId, expires_at: session.expiresAt.toISOString() }, 200);
      },
    }),
  });
  app.on(
    "POST",
    "/auth/logout",
    requireSession((token) => authenticate(ctx, token)),
  );
  resource(app, "/auth/logout", {
    POST: endpoint({
      summary: "Sign out",
      description: "Ends the session whose token the request carries.",
      responses: { 204: null },
      handle: async (c) => {
        const me = principal(c);
        await revokeSession(ctx, me.user_id, me.session_id);
        return c.body(null, 204);
      },
    }),
  });
  resource(app, "/auth/forgot-password", {
    POST: endpoint({
      summary: "Ask for a password reset",
      description:
        "Always 202: a reset token is mailed as a notification only when the email has an account. Rate limited per address and per email.",
      body: ForgotPasswordBody,
      responses: { 202: ForgotPasswordView },
      errors: ["rate_limited"],
      handle: async (c, input) => {
        await perAddress(c, limits.forgot_password.address);
        const { email } = await input.body();
        // Counted whether or not the email has an account, so a 429 tells nothing about who is registered.
        await perAccount(limits.forgot_password.account, email);
        await requestPasswordReset(ctx, email);
        return c.json({ status: "accepted" }, 202);
      },
    }),
  });
  resource(app, "/auth/reset-password", {
    POST: endpoint({
      summary: "Reset a password",
      description: "Spends the reset token, sets the new password and revokes every session of the account. Rate limited per address and per token.",
      body: ResetPasswordBody,
      responses: { 200: ResetPasswordView },
      errors: ["invalid_token", "rate_limited"],
      handle: async (c, input) => {
        await perAddress(c, limits.reset_password.address);
        const body = await input.body();
        await perAccount(limits.reset_password.account, body.token);
        await resetPassword(ctx, body.token, body.password);
        return c.json({ status: "password_reset" }, 200);
      },
    }),
  });
}
