import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Runs an entry point as `bun run ...` runs it (package.json "scripts"), answering its exit code and output. */
function run(entry: string, args: readonly string[]) {
  const result = Bun.spawnSync([process.execPath, entry, ...args], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, DEBUG: "", LOG_LEVEL: "warn" },
  });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString().trimEnd() };
}

/** Every entry point users run, with a mistake in its command line. */
const mistakes: readonly [string, string, readonly string[]][] = [
  ["bun run harness", "harness/cli.ts", ["--bogus"]],
  ["bun run harness", "harness/cli.ts", ["--repeat", "0"]],
  ["twofold", "scripts/twofold.ts", ["--bogus"]],
  ["twofold", "scripts/twofold.ts", ["monolith", "--system", "nope"]],
  ["twofold", "scripts/twofold.ts", ["synthetic", "--every"]],
  ["bun run contracts", "scripts/contracts.ts", ["check", "--bogus"]],
  ["bun run contracts", "scripts/contracts.ts", ["check", "--against-file", "/nonexistent/shop.json"]],
  ["bun run manifests", "scripts/manifests.ts", ["--bogus"]],
  ["bun run bench", "scripts/bench.ts", ["--clients", "0"]],
  ["bun run drill", "scripts/drill.ts", ["--bogus"]],
  ["bun run build", "scripts/build.ts", ["one", "two"]],
];

describe("every entry point's command line", () => {
  it.each(mistakes)("%s %s %j: one line on stderr naming the problem, no stack, exit 2", (program, entry, args) => {
    const { code, err } = run(entry, args);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toMatch(new RegExp(`^${program}: `));
    expect(err).not.toMatch(/\bat \S+:\d+:\d+/);
    expect(code).toBe(2);
  });

  it.each([
    ["harness/cli.ts", []],
    ["scripts/twofold.ts", []],
    ["scripts/twofold.ts", ["synthetic"]],
    ["scripts/contracts.ts", ["check"]],
    ["scripts/manifests.ts", []],
  ] as const)("%s %j --help: the usage line, options and examples, exit 0", (entry, args) => {
    const { code, out } = run(entry, [...args, "--help"]);
    expect(out).toMatch(/^usage: /);
    expect(out).toMatch(/--help|<command> --help/);
    expect(code).toBe(0);
  });
});
