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

export interface NameMention {
  readonly file: string;
  /** The name, and the literal or import it is in. */
  readonly detail: string;
}

/** Comments, then string and template literals, in source order: a comment's quotes are no string, a string's slashes no comment. */
const LEXEMES = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** A literal's text without its quotes, a template's with each `${...}` cut out as a break between parts. */
const partsOf = (literal: string): string[] => {
  const body = literal.slice(1, -1);
  return literal.startsWith("`") ? body.split(/\$\{[^}]*\}/) : [body];
};

/**
 * Where code names one of `names` (modules and systems) outside comments: a string or template part that is
 * exactly the name (`"users"`, `sys.sql("payments", ...)`), or a path through its folder or definition
 * (`../contracts/users/calls.ts`, `../modules/shop.ts`), which is how an import names it.
 */
export function findNameMentions(files: readonly SourceFile[], names: readonly string[]): NameMention[] {
  const mentions: NameMention[] = [];
  for (const file of files) {
    for (const [lexeme] of file.text.matchAll(LEXEMES)) {
      if (lexeme.startsWith("/")) continue;
      for (const part of partsOf(lexeme)) {
        const named = names.find((name) => part === name || new RegExp(`(^|/)(modules|contracts)/${name}(/|\\.ts$)`).test(part));
        if (named) mentions.push({ file: file.path, detail: `${named} in ${lexeme}` });
      }
    }
  }
  return mentions;
}
