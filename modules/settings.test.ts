import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { everyModule } from "./index.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The lines of the README's table under `header`, up to the blank line that ends it. */
function tableRows(header: string): string[] {
  const lines = readme.split("\n");
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`the README has no table headed ${header}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === "");
  return lines.slice(start + 2, end < 0 ? undefined : end);
}

const declared = everyModule.flatMap((m) => Object.entries(m.settings ?? {}).map(([name, spec]) => ({ module: m.name, name, spec })));
const defaultOf = (name: string) => declared.find((s) => s.name === name)?.spec.default;

/** Rate limits: `<ENDPOINT>_LIMIT_PER_<ACCOUNT|ADDRESS>` and its `_WINDOW_MS`, documented in a table of their own. */
const LIMIT = /^([A-Z_]+)_LIMIT_PER_(ACCOUNT|ADDRESS)(_WINDOW_MS)?$/;
const UNIT_MS: Record<string, number> = { min: 60_000, h: 3_600_000 };

/** "10 failures / 15 min" → [10, 900000]. */
function budget(cell: string): [number, number] | string {
  const parsed = /^(\d+)\b.* \/ (\d+) (min|h)$/.exec(cell.trim());
  return parsed ? [Number(parsed[1]), Number(parsed[2]) * (UNIT_MS[parsed[3] as string] as number)] : `unreadable: ${cell}`;
}

describe("the README's module settings", () => {
  it("lists every declared setting with its module, default and meaning, and none that is not declared", () => {
    const expected = declared
      .filter((s) => !LIMIT.test(s.name))
      .map((s) => `| \`${s.name}\` | ${s.module} | ${s.spec.default} | ${s.spec.description} |`);
    expect(tableRows("| setting | module | default | meaning |").sort()).toEqual(expected.sort());
  });

  it("lists every declared rate limit with its default budgets and windows, and none that is not declared", () => {
    const documented = tableRows("| endpoint | per account | per address |").map((line) => {
      const [endpoint = "", account = "", address = ""] = line.split("|").slice(1, 4);
      return { endpoint: /`([A-Z_]+)`/.exec(endpoint)?.[1], account: budget(account), address: budget(address) };
    });
    const endpoints = [...new Set(declared.flatMap((s) => LIMIT.exec(s.name)?.[1] ?? []))];
    const limit = (endpoint: string, per: string) => [defaultOf(`${endpoint}_LIMIT_PER_${per}`), defaultOf(`${endpoint}_LIMIT_PER_${per}_WINDOW_MS`)];
    const expected = endpoints.map((endpoint) => ({ endpoint, account: limit(endpoint, "ACCOUNT"), address: limit(endpoint, "ADDRESS") }));
    expect(endpoints.length).toBeGreaterThan(0);
    expect(documented).toEqual(expected);
  });
});
