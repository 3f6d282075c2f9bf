/**
 * Path patterns over project files (relative, forward slashes): `*` is any name or part of one, `**` any
 * number of folders, and `<m>` one folder name, captured where a rule's `files` match and standing for the
 * same name in what the rule allows (`modules/<m>/**` may import `modules/<m>/**`).
 */
const compiled = new Map<string, RegExp>();

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex) return regex;
  const source = pattern
    .split(/(\*\*\/|\/\*\*|\*\*|\*|<[a-z]+>)/)
    .map((part) => {
      if (part === "**/") return "(?:.*/)?";
      if (part === "/**") return "/.*";
      if (part === "**") return ".*";
      if (part === "*") return "[^/]*";
      if (/^<[a-z]+>$/.test(part)) return `(?<${part.slice(1, -1)}>[^/]+)`;
      return escapeRegExp(part);
    })
    .join("");
  regex = new RegExp(`^${source}$`);
  compiled.set(pattern, regex);
  return regex;
}

/** The captures of the first pattern `path` matches (`{}` when it has none), or undefined when it matches none. */
export function matchAny(patterns: readonly string[], path: string): Record<string, string> | undefined {
  for (const pattern of patterns) {
    const match = compile(pattern).exec(path);
    if (match) return { ...match.groups };
  }
  return undefined;
}

/** The patterns with each `<name>` replaced by its captured value. */
export const bind = (patterns: readonly string[], captures: Record<string, string>): string[] =>
  patterns.map((pattern) => pattern.replace(/<([a-z]+)>/g, (whole, name: string) => captures[name] ?? whole));
