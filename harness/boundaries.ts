import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface Violation {
  readonly file: string;
  readonly rule: "imports-another-module" | "touches-another-schema";
  readonly detail: string;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

const moduleOf = (path: string): string | undefined => /^modules\/([^/]+)\//.exec(path)?.[1];

/**
 * Modules meet only through the bus: a file under modules/<m>/ may import contracts/, runtime/, packages and
 * its own module, never another module's files (nor the registry in modules/index.ts); and its SQL may name
 * only its own schema.
 */
export function findViolations(files: readonly SourceFile[], modules: readonly string[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const own = moduleOf(file.path);
    if (!own) continue;
    for (const match of file.text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (!specifier.startsWith(".")) continue;
      const target = join(dirname(file.path), specifier).split(sep).join("/");
      const targetModule = moduleOf(target);
      if (target.startsWith("modules/") && targetModule !== own) {
        violations.push({ file: file.path, rule: "imports-another-module", detail: specifier });
      }
    }
    for (const other of modules.filter((m) => m !== own)) {
      const qualified = new RegExp(`(?:"${other}"|\\b${other})\\."?\\w+\\b`);
      const sqlish = file.text
        .split("\n")
        .filter((line) => !/^\s*(import|export)\b/.test(line) && /\b(select|insert|update|delete|from|join|into)\b/i.test(line));
      for (const line of sqlish) {
        if (qualified.test(line)) violations.push({ file: file.path, rule: "touches-another-schema", detail: line.trim() });
      }
    }
  }
  return violations;
}

/** Every TypeScript file under `dir` (relative to `root`). */
export function readSources(root: string, dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".ts")) out.push({ path: relative(root, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
    }
  };
  walk(resolve(root, dir));
  return out;
}
