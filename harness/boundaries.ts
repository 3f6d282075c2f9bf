import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface SchemaViolation {
  readonly file: string;
  /** The line of SQL that names another module's schema. */
  readonly detail: string;
}

const moduleOf = (path: string): string | undefined => /^modules\/([^/]+)\//.exec(path)?.[1];

/**
 * A module's SQL may name only its own schema. What it imports is checked over TypeScript's own import graph
 * (harness/layers/); table names in SQL strings are no imports, so this reads the text.
 */
export function findSchemaViolations(files: readonly SourceFile[], modules: readonly string[]): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  for (const file of files) {
    const own = moduleOf(file.path);
    if (!own) continue;
    const sqlish = file.text
      .split("\n")
      .filter((line) => !/^\s*(import|export)\b/.test(line) && /\b(select|insert|update|delete|from|join|into)\b/i.test(line));
    for (const other of modules.filter((m) => m !== own)) {
      const qualified = new RegExp(`(?:"${other}"|\\b${other})\\."?\\w+\\b`);
      for (const line of sqlish) if (qualified.test(line)) violations.push({ file: file.path, detail: line.trim() });
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
