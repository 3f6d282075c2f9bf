import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckRun, RunReport } from "../../harness/report/model.ts";
import { readVerifications, recordVerifications, verificationsFromReport } from "./verifications.ts";

const run = (check: string, profile: string, passed: boolean, suite = "Contract verification"): CheckRun => ({
  suite,
  check,
  profile,
  passed,
  ...(passed ? {} : { error: "cart cannot read the reply of users.authenticate (a live session): user_id: Invalid type" }),
  durationMs: 5,
  steps: [],
  trace: [],
  state: {},
  warnings: [],
});

const report: RunReport = {
  version: 1,
  seed: 42,
  startedAt: "2026-03-01T10:00:00.000Z",
  wallMs: 1000,
  profiles: [],
  checks: [
    run("cart → users: users.authenticate — a live session", "monolith", true),
    run("cart → users: users.authenticate — a live session", "split", false),
    run("cart → users: users.authenticate — a revoked session", "split", true),
    run("notifications ← users: user.created — a user registers", "split", true),
    run("checkout pays and confirms", "split", true, "Checkout"),
  ],
  divergences: [],
  findings: 1,
};

const versions = new Map([
  ["cart", "1.0.0"],
  ["users", "1.1.0"],
  ["notifications", "1.0.0"],
]);
const dir = mkdtempSync(join(tmpdir(), "twofold-verifications-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("verificationsFromReport", () => {
  it("records one verification per consumer → provider pair, failed if any interaction failed on any profile", () => {
    expect(verificationsFromReport(report, (m) => versions.get(m))).toEqual([
      {
        consumer: "cart",
        consumerVersion: "1.0.0",
        provider: "users",
        providerVersion: "1.1.0",
        success: false,
        verifiedAt: "2026-03-01T10:00:00.000Z",
        profiles: ["monolith", "split"],
        checks: 3,
        failures: [
          {
            check: "cart → users: users.authenticate — a live session",
            profile: "split",
            error: "cart cannot read the reply of users.authenticate (a live session): user_id: Invalid type",
          },
        ],
      },
      expect.objectContaining({ consumer: "notifications", provider: "users", success: true, checks: 1, failures: [] }),
    ]);
  });

  it("keeps the newest verification of a pair in verifications.json", () => {
    const file = join(dir, "broker", "verifications.json");
    const records = verificationsFromReport(report, (m) => versions.get(m));
    recordVerifications(file, records);
    recordVerifications(file, [{ ...records[0]!, success: true, failures: [], verifiedAt: "2026-03-02T10:00:00.000Z" }]);
    expect(readVerifications(file).map((r) => [r.consumer, r.provider, r.success, r.verifiedAt])).toEqual([
      ["cart", "users", true, "2026-03-02T10:00:00.000Z"],
      ["notifications", "users", true, "2026-03-01T10:00:00.000Z"],
    ]);
  });
});
