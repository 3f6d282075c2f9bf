import type { Context, MiddlewareHandler } from "hono";
import { AppError, isAppError } from "../errors.ts";
import { guard } from "./guard.ts";

/** Who a customer request acts for: always from the session token, never from the body. */
export interface Principal {
  readonly user_id: string;
  readonly session_id: string;
  readonly email_verified: boolean;
}

export type Authenticator = (token: string) => Promise<Principal>;

const KEY = "principal";

/**
 * Requires `Authorization: Bearer <session token>` and asks the identity module whose it is (fresh every
 * time, so a logout elsewhere takes effect at once). Missing, unknown or revoked → 401.
 */
export const requireSession = (authenticate: Authenticator): MiddlewareHandler =>
  guard(["session"], async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(\S{1,200})$/i.exec(header)?.[1];
    if (!token) throw new AppError("unauthenticated", "sign in: send Authorization: Bearer <session token>");
    try {
      c.set(KEY as never, (await authenticate(token)) as never);
    } catch (error) {
      if (isAppError(error, "unauthenticated")) throw new AppError("unauthenticated", "the session is unknown, expired or signed out");
      throw error;
    }
    await next();
  });

/** The principal `requireSession` established for this request. */
export function principal(c: Context): Principal {
  const found = c.get(KEY as never) as Principal | undefined;
  if (!found) throw new AppError("unauthenticated", "no session");
  return found;
}
