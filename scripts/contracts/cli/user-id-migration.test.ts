import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BROKER, ROOT } from "./paths.ts";

const cli = (...args: string[]) => {
  const result = Bun.spawnSync([process.execPath, "scripts/contracts.ts", ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString() };
};

const refusal = "exams@1.0.0 → users@2.0.0 users.authenticate, reply field `user_id`: reads string, gets number";

let dir: string;
let where: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "twofold-migration-"));
  cpSync(DEFAULT_BROKER, join(dir, "broker"), { recursive: true });
  where = ["--broker", join(dir, "broker"), "--deployments", join(dir, "deployments.json")];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seed 000's bug, users 2.0.0's user_id migration (contracts/users/migrations.ts), refused before it ships. */
describe("users@2.0.0, the user_id migration", () => {
  it("check --against refuses it, naming the exams consumer and the field", () => {
    const answer = cli("check", "--against", "HEAD", "--release", "users@2.0.0");
    expect(answer.code).toBe(1);
    expect(answer.out).toContain(`FAIL ${refusal}`);
  }, 60_000);

  it("can-i-deploy says no with the exams consumer deployed", () => {
    const broker = where.slice(0, 2);
    const deployments = where.slice(2);
    expect(cli("publish", "--release", "users@2.0.0", ...broker).out).toContain("published users@2.0.0");
    for (const [module, version] of [
      ["users", "1.1.0"],
      ["exams", "1.0.0"],
    ] as const)
      expect(cli("record-deployment", module, version, "--to", "production", ...deployments).code).toBe(0);
    expect(cli("can-i-deploy", "users", "1.1.0", "--to", "production", ...where).code).toBe(0);
    const no = cli("can-i-deploy", "users", "2.0.0", "--to", "production", ...where);
    expect(no.code).toBe(1);
    expect(no.out).toContain("can-i-deploy users@2.0.0 to production? NO");
    expect(no.out).toContain(refusal);
  });

  it("refuses a release no migration names", () => {
    expect(cli("publish", "--release", "users@9.0.0", ...where.slice(0, 2)).code).toBe(2);
  });
});
