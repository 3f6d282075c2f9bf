import { createHash } from "node:crypto";

/**
 * A user's cart id, derived from the user id (a UUIDv8 of a hash), so the empty cart a GET shows before the
 * first write already has the id the stored cart will get, and no row is written just to read.
 */
export function cartIdOf(userId: string): string {
  const hex = createHash("sha256").update(`cart:${userId}`).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
