import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishSnapshots } from "../broker-store.ts";
import { describeSystem } from "../describe.ts";
import type { SystemDescription } from "../description.ts";
import { allFixtureModules } from "../fixtures/systems.ts";
import { ROOT } from "./paths.ts";

const cli = (...args: string[]) => {
  const result = Bun.spawnSync([process.execPath, "scripts/contracts.ts", ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString() };
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "twofold-cli-"));
  for (const module of allFixtureModules) publishSnapshots(join(dir, "broker"), describeSystem({ modules: [module] }));
  writeFileSync(
    join(dir, "deployments.json"),
    JSON.stringify({ environments: { production: { users: "1.0.0", cart: "1.0.0", orders: "1.0.0", notifications: "1.0.0" } } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bun scripts/contracts.ts", () => {
  it("can-i-deploy exits 0 for yes and 1 for no, naming module, version and field", () => {
    const where = ["--broker", join(dir, "broker"), "--deployments", join(dir, "deployments.json")];
    const yes = cli("can-i-deploy", "users", "1.1.0", "--to", "production", ...where);
    expect(yes.code).toBe(0);
    expect(yes.out).toContain("can-i-deploy users@1.1.0 to production? yes");
    const no = cli("can-i-deploy", "users", "2.1.0", "--to", "production", ...where);
    expect(no.code).toBe(1);
    expect(no.out).toContain("cart@1.0.0 → users@2.1.0 users.authenticate, reply field `user_id`: reads string, gets number");
  });

  it("check fails against an export whose consumer reads a field the working tree no longer provides", () => {
    const exported = join(dir, "shop.json");
    expect(cli("export", "--out", exported).code).toBe(0);
    const before = JSON.parse(readFileSync(exported, "utf8")) as SystemDescription;
    expect(cli("check", "--against-file", exported).code).toBe(0);
    const consumer = before.modules.find((m) => m.consumes.some((u) => u.kind === "call"));
    const use = consumer?.consumes.find((u) => u.kind === "call");
    if (!consumer || !use) throw new Error("the shop has no call consumer");
    (use.reads as Record<string, unknown>).retired_field = { type: "string" };
    writeFileSync(exported, JSON.stringify(before));
    const failed = cli("check", "--against-file", exported);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`FAIL ${consumer.name}@${consumer.version} → ${use.provider}@`);
    expect(failed.out).toContain(`${use.name}, reply field \`retired_field\`: not provided [consumer at ${exported}]`);
  });

  it("refuses an unknown command with exit 2", () => {
    expect(cli("frobnicate")).toMatchObject({ code: 2 });
  });
});
