import { describe, expect, it } from "vitest";
import { helpText, parseCommandLine, UsageError, wholeNumber } from "./command-line.ts";
import { EXIT, reportFailure } from "./main.ts";

const spec = {
  usage: "demo",
  summary: "a demo",
  options: {
    seed: { type: "string", value: "N", help: "the seed" },
    repeat: { type: "string", value: "N", default: "1", help: "how often" },
    json: { type: "boolean", help: "as JSON" },
  },
  examples: ["demo --seed 3"],
} as const;

/** What a failure printed on stderr, and its exit code. */
function failure(error: unknown, env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => void lines.push(parts.join(" "));
  try {
    return { code: reportFailure("demo", error, env), stderr: lines.join("\n") };
  } finally {
    console.error = original;
  }
}

describe("the shared command line", () => {
  it("parses what the spec declares, defaults included, and knows --help and -h", () => {
    expect(parseCommandLine(spec, ["--seed", "7", "--json"])).toEqual({
      values: { seed: "7", repeat: "1", json: true },
      positionals: [],
      help: false,
    });
    expect(parseCommandLine(spec, ["-h"]).help).toBe(true);
  });

  it("refuses an unknown option, a missing value and an argument the spec takes none of, as usage errors", () => {
    for (const argv of [["--bogus"], ["--seed"], ["stray"]]) expect(() => parseCommandLine(spec, argv)).toThrow(UsageError);
    expect(() => wholeNumber("repeat", "x", 1)).toThrow('--repeat must be a whole number ≥ 1, not "x"');
  });

  it("derives the help from the declaration: usage, every option with its default, examples", () => {
    const help = helpText(spec);
    expect(help.split("\n")[0]).toBe("usage: demo [options]");
    expect(help).toMatch(/--seed N +the seed/);
    expect(help).toMatch(/--repeat N +how often \(default 1\)/);
    expect(help).toMatch(/-h, --help +show this help/);
    expect(help).toContain("examples:\n  demo --seed 3");
  });

  it("says a usage error in one line with exit 2, an internal error in one line with exit 70, its stack only when debugging", () => {
    expect(failure(new UsageError("bad value"))).toEqual({ code: EXIT.usage, stderr: "demo: bad value" });
    const bug = new TypeError("cannot read properties of undefined\nsecond line");
    expect(failure(bug)).toEqual({ code: EXIT.internal, stderr: "demo: cannot read properties of undefined" });
    for (const env of [{ DEBUG: "1" }, { LOG_LEVEL: "debug" }]) expect(failure(bug, env).stderr).toMatch(/\n\s+at /);
  });
});
