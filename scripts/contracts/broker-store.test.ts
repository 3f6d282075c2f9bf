import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishSnapshots, readSnapshot } from "./broker-store.ts";
import { readDeployments, recordDeployment } from "./deployments.ts";
import { describeSystem } from "./describe.ts";
import { fixture } from "./fixtures/systems.ts";

const dir = mkdtempSync(join(tmpdir(), "twofold-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("publishSnapshots", () => {
  it("publishes a version once; the same contracts again are unchanged, other ones a conflict unless forced", () => {
    const users = describeSystem({ modules: [fixture("users", "1.0.0")] });
    const changed = describeSystem({ modules: [{ ...fixture("users", "1.1.0"), version: "1.0.0" }] });
    expect(publishSnapshots(dir, users).map((r) => r.outcome)).toEqual(["published"]);
    expect(publishSnapshots(dir, users).map((r) => r.outcome)).toEqual(["unchanged"]);
    expect(publishSnapshots(dir, changed).map((r) => r.outcome)).toEqual(["conflict"]);
    expect(readSnapshot(dir, "users", "1.0.0")?.calls[0]?.reply).not.toHaveProperty("email");
    expect(publishSnapshots(dir, changed, { force: true }).map((r) => r.outcome)).toEqual(["replaced"]);
    expect(readSnapshot(dir, "users", "1.0.0")?.calls[0]?.reply).toHaveProperty("email");
  });
});

describe("deployments", () => {
  it("records which version runs where, keeping the other environments and modules", () => {
    const file = join(dir, "deployments.json");
    writeFileSync(file, JSON.stringify({ environments: { production: { users: "1.0.0", cart: "1.0.0" } } }));
    recordDeployment(file, "users", "1.1.0", "production");
    recordDeployment(file, "users", "1.2.0", "staging");
    expect(readDeployments(file)).toEqual({ environments: { production: { users: "1.1.0", cart: "1.0.0" }, staging: { users: "1.2.0" } } });
  });

  it("refuses a malformed deployments file, saying where", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ environments: { production: { users: 1 } } }));
    expect(() => readDeployments(file)).toThrow(/environments\.production\.users/);
  });
});
