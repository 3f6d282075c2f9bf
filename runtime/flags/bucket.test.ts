import { describe, expect, it } from "vitest";
import type { FlagRollout as Rollout } from "./bucket.ts";
import { flagBucket, rolloutAdmits } from "./bucket.ts";

const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const rollout = (fields: Partial<Rollout>): Rollout => ({ name: "new_pricing", enabled: true, percentage: 0, users: [], version: 1, ...fields });
const share = (r: Rollout) => users.filter((u) => rolloutAdmits(r, u)).length / users.length;

describe("a user's bucket of a flag", () => {
  it("is the documented hash: SHA-256 of <flag>:<user id>, first four bytes big-endian, mod 100", () => {
    // Pinned: a change of the function would move users across every running rollout.
    expect(["u-1", "u-2", "ada", "00000000-0000-0000-0000-000000000000"].map((u) => flagBucket("new_pricing", u))).toEqual([29, 78, 15, 5]);
    // 0xc28d5ad1 = 3264043729, the first four bytes of sha256("new_pricing:u-1").
    expect(3264043729 % 100).toBe(flagBucket("new_pricing", "u-1"));
  });

  it("is stable, in 0..99, and independent between flags", () => {
    expect(users.map((u) => flagBucket("new_pricing", u))).toEqual(users.map((u) => flagBucket("new_pricing", u)));
    expect(
      users.every((u) => Number.isInteger(flagBucket("new_pricing", u)) && flagBucket("new_pricing", u) >= 0 && flagBucket("new_pricing", u) < 100),
    ).toBe(true);
    const same = users.filter((u) => flagBucket("new_pricing", u) === flagBucket("other_flag", u)).length;
    expect(same / users.length).toBeLessThan(0.02);
  });

  it("spreads users evenly over the buckets", () => {
    const counts = new Array<number>(100).fill(0);
    for (const u of users) counts[flagBucket("new_pricing", u)] = (counts[flagBucket("new_pricing", u)] ?? 0) + 1;
    // 100 per bucket expected; a binomial's standard deviation here is about 10.
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(140);
  });
});

describe("a rollout", () => {
  it("at 0 % admits nobody and at 100 % everybody, exactly", () => {
    expect(share(rollout({ percentage: 0 }))).toBe(0);
    expect(share(rollout({ percentage: 100 }))).toBe(1);
  });

  it("at p % admits about p % of users, and whoever it admits at p it admits at any larger p", () => {
    expect(share(rollout({ percentage: 10 }))).toBeCloseTo(0.1, 1);
    expect(share(rollout({ percentage: 50 }))).toBeCloseTo(0.5, 1);
    const atTen = users.filter((u) => rolloutAdmits(rollout({ percentage: 10 }), u));
    expect(atTen.every((u) => rolloutAdmits(rollout({ percentage: 25 }), u))).toBe(true);
  });

  it("always admits a user in its allow list, and nobody while it is disabled", () => {
    const outside = users.find((u) => flagBucket("new_pricing", u) >= 50) as string;
    expect(rolloutAdmits(rollout({ percentage: 0, users: [outside] }), outside)).toBe(true);
    expect(rolloutAdmits(rollout({ percentage: 50, users: [outside] }), outside)).toBe(true);
    expect(rolloutAdmits(rollout({ percentage: 50 }), outside)).toBe(false);
    expect(share(rollout({ enabled: false, percentage: 100 }))).toBe(0);
    expect(rolloutAdmits(rollout({ enabled: false, percentage: 100, users: [outside] }), outside)).toBe(false);
  });
});
