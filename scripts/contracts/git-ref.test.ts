import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./cli/paths.ts";
import { DESCRIPTION_FORMAT } from "./description.ts";
import { describeAtRef, NoExporterError } from "./git-ref.ts";

const git = (cwd: string, ...args: string[]) => {
  const result = Bun.spawnSync(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(result.stderr.toString());
};

/** An exporter as a revision might carry it: writes a fixed description to --out. */
const exporter = `const out = process.argv[process.argv.indexOf("--out") + 1];
await Bun.write(out, JSON.stringify({ format: "${DESCRIPTION_FORMAT}", modules: [{ name: "users", version: "0.9.0", calls: [], events: [], consumes: [] }] }));
`;

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "twofold-ref-"));
  git(repo, "init", "-q");
  writeFileSync(join(repo, "README.md"), "before the exporter\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "no exporter");
  git(repo, "tag", "old");
  mkdirSync(join(repo, "scripts"));
  writeFileSync(join(repo, "scripts/contracts.ts"), exporter);
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "exporter");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("describeAtRef", () => {
  it("exports a revision's description with that revision's own exporter", () => {
    expect(describeAtRef(repo, "HEAD")).toEqual({
      format: DESCRIPTION_FORMAT,
      modules: [{ name: "users", version: "0.9.0", calls: [], events: [], consumes: [] }],
    });
  });

  it("says clearly when a revision has no exporter", () => {
    expect(() => describeAtRef(repo, "old")).toThrow(NoExporterError);
    expect(() => describeAtRef(repo, "old")).toThrow(
      /old \([0-9a-f]{12}\) has no contract exporter \(scripts\/contracts\.ts\).*--use-current-exporter/,
    );
  });

  it("describes a revision of this repository, with this checkout's exporter when it has none", () => {
    const description = describeAtRef(ROOT, "HEAD", { useCurrentExporter: true });
    expect(description.modules.map((m) => m.name)).toContain("users");
  });

  it("refuses what is not a revision", () => {
    expect(() => describeAtRef(repo, "no-such-branch")).toThrow("no-such-branch is not a git revision");
  });
});
