import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishSnapshots } from "./broker-store.ts";
import { describeSystem } from "./describe.ts";
import { allFixtureModules } from "./fixtures/systems.ts";
import { compareSnapshots } from "./snapshot-compare.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "twofold-snapshots-"));
  for (const module of allFixtureModules) publishSnapshots(dir, describeSystem({ modules: [module] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("compareSnapshots", () => {
  it("passes a provider version that only adds, and says who reads what changed", () => {
    const report = compareSnapshots(dir, "users", "1.0.0", "1.1.0");
    expect(report.compatible).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({ name: "users.get", part: "reply", field: "email", change: "added", readBy: ["orders@1.1.0"] }),
    ]);
  });

  it("fails a provider version that breaks any published consumer version", () => {
    const report = compareSnapshots(dir, "users", "1.1.0", "2.0.0");
    expect(report.problems.map((p) => [p.consumer.name, p.consumer.version, p.use, p.field, p.rule])).toEqual([
      ["cart", "1.0.0", "users.authenticate", "user_id", "field-removed"],
    ]);
    expect(report.problems[0]?.detail).toBe("no longer provided (renamed to `userId`?)");
  });
});
