import { Hono } from "hono";
import type { EventContract } from "../contracts/define.ts";
import { Authenticate } from "../contracts/users/calls.ts";
import { AppError } from "../runtime/errors.ts";
import { answer, type CallBinding, defineModule, type ModuleDefinition } from "../runtime/module.ts";

/** A stand-in for a module a test does not boot: it only answers the given calls (and may own events). */
export const fakeModule = (name: string, calls: readonly CallBinding[], publishes: readonly EventContract[] = []): ModuleDefinition =>
  defineModule({ name, version: "0.0.0-fake", resources: [], entities: [], publishes, calls, events: [], routes: () => new Hono() });

/** A stand-in identity module: `userOf(token)` says whose session a bearer token is (undefined: none). */
export const fakeSessions = (userOf: (token: string) => string | undefined, options: { verified?: boolean } = {}): ModuleDefinition =>
  fakeModule("users", [
    answer(Authenticate, async ({ token }) => {
      const userId = userOf(token);
      if (!userId) throw new AppError("unauthenticated", "unknown session");
      return { user_id: userId, session_id: `session-${token}`, email_verified: options.verified ?? true };
    }),
  ]);
