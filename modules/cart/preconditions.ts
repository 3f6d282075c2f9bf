import type { Context } from "hono";
import { AppError } from "../../runtime/module-api/index.ts";

export const etag = (version: number): string => `"${version}"`;

/** What a write expects the cart to be at: a version, or any at all (`If-Match: *`). */
export type ExpectedVersion = number | "any";

/**
 * The version the client last saw, from If-Match (required on writes that overwrite). `*` matches any current
 * representation (RFC 9110), and the cart always has one (empty at version 0), so it checks nothing. Anything
 * else that is not one of our strong ETags can never match, so it is answered like a stale one (412).
 */
export function expectedVersion(c: Context): ExpectedVersion {
  const header = c.req.header("if-match");
  if (!header)
    throw new AppError("precondition_required", 'this write overwrites the cart: send If-Match with its ETag (e.g. "3") from GET /api/v1/cart');
  if (header.trim() === "*") return "any";
  const match = /^"(\d{1,9})"$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}
