import { createHash } from "node:crypto";

/** Who a flag is on for, as the system's flag source answers it (the shop declares its rollout contract). */
export interface FlagRollout {
  readonly name: string;
  readonly enabled: boolean;
  readonly percentage: number;
  readonly users: readonly string[];
  /** Grows with every change: a reader keeps the newest copy it is sent. */
  readonly version: number;
}

/**
 * A user's bucket of a flag, 0–99: the first four bytes of SHA-256 over the UTF-8 of `<flag>:<user id>`, read
 * as a big-endian unsigned integer, modulo 100. A pure function of the two names, so every process and every
 * topology puts a user in the same bucket, and a user's buckets of two flags are independent. (2^32 mod 100
 * is 96: the low buckets are likelier by under one in 40 million.)
 */
export function flagBucket(flag: string, userId: string): number {
  return createHash("sha256").update(`${flag}:${userId}`, "utf8").digest().readUInt32BE(0) % 100;
}

/** Whether the rollout admits the user: never while disabled; else the allow list, then the percentage. */
export const rolloutAdmits = (rollout: FlagRollout, userId: string): boolean =>
  rollout.enabled && (rollout.users.includes(userId) || flagBucket(rollout.name, userId) < rollout.percentage);
