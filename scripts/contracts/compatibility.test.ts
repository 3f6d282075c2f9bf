import { describe, expect, it } from "vitest";
import { compareDescriptions } from "./compatibility.ts";
import { describeSystem } from "./describe.ts";
import { formatIncompatibility } from "./findings.ts";
import { systemWithUsers } from "./fixtures/systems.ts";

const compare = (before: string, after: string, consumersAfter?: readonly (readonly [string, string])[]) =>
  compareDescriptions(describeSystem(systemWithUsers(before)), describeSystem(systemWithUsers(after, consumersAfter)), {
    before: "main",
    after: "working tree",
  });

describe("compareDescriptions", () => {
  it("passes an added field nobody reads, and lists it as read by nobody", () => {
    const report = compare("1.0.0", "1.1.0");
    expect(report.compatible).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ provider: "users", name: "users.get", part: "reply", field: "email", change: "added", readBy: [] }),
    );
  });

  it("fails a renamed field a consumer reads, naming consumer, use and field, and guessing the new name", () => {
    const report = compare("1.1.0", "2.0.0");
    expect(report.compatible).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        rule: "field-removed",
        consumer: { name: "cart", version: "1.0.0" },
        provider: { name: "users", version: "2.0.0" },
        use: "users.authenticate",
        field: "user_id",
        at: ["working tree", "main"],
      }),
    ]);
    expect(formatIncompatibility(report.problems[0]!)).toBe(
      "cart@1.0.0 → users@2.0.0 users.authenticate, reply field `user_id`: no longer provided (renamed to `userId`?) [consumer at working tree, main]",
    );
  });

  it("fails seed 000's bug: user_id changed from string to number", () => {
    const report = compare("1.1.0", "2.1.0");
    expect(report.problems.map((p) => [p.rule, p.consumer.name, p.use, p.field, p.detail])).toEqual([
      ["field-type-changed", "cart", "users.authenticate", "user_id", "reads string, gets number"],
    ]);
  });

  it("fails a new required request field that a consumer's example requests lack, naming the interactions", () => {
    const report = compare("1.1.0", "3.0.0");
    expect(report.problems.map((p) => [p.rule, p.consumer.name, p.interaction, p.field])).toEqual([
      ["required-request-field", "orders", "an existing user", "tenant_id"],
      ["required-request-field", "orders", "an unknown user", "tenant_id"],
    ]);
  });

  it("checks the consumers of the older revision too: one that still reads a field the new revision's consumers dropped", () => {
    const before = describeSystem(systemWithUsers("1.1.0", [["orders", "1.1.0"]]));
    const withoutEmail = describeSystem(systemWithUsers("1.0.0", [["orders", "1.0.0"]]));
    const report = compareDescriptions(before, withoutEmail, { before: "main", after: "working tree" });
    expect(report.problems).toEqual([
      expect.objectContaining({ rule: "field-removed", consumer: { name: "orders", version: "1.1.0" }, field: "email", at: ["main"] }),
    ]);
    expect(report.changes).toContainEqual(expect.objectContaining({ field: "email", change: "removed", readBy: ["orders@1.1.0"] }));
  });

  it("passes a versioned change when the provider still describes the old version, and says how to deploy it", () => {
    const report = compare("1.0.0", "4.0.0");
    expect(report.problems).toEqual([]);
    expect(report.notes.join("\n")).toContain(
      "users@4.0.0 sends users.get v2; orders@1.0.0 understands v1: upgrade orders first, or run users with TWOFOLD_SKEW=users:1",
    );
  });
});
