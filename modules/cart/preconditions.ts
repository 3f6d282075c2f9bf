import type { Context } from "hono";
import { AppError } from "../../runtime/errors.ts";

export const etag = (version: number): string => `"${version}"`;

/**
 * The version the client last saw, from If-Match (required on writes that overwrite). Anything that is not
 * one of our strong ETags can never match, so it is answered like a stale one (412).
 */
export function expectedVersion(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) throw new AppError("precondition_required", 'this write overwrites the cart: send If-Match with its ETag (e.g. "3") from GET /api/v1/cart');
  const match = /^"(\d{1,9})"$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}
