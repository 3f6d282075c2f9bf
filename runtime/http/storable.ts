import type { Issue } from "../bus/validate.ts";

/**
 * Postgres text cannot hold U+0000 and jsonb cannot hold an unpaired surrogate, so a string with either fails
 * deep inside a query as a 500. Every string a request carries is held to this one rule at the edge instead.
 */
const isStorable = (text: string): boolean => !text.includes("\u0000") && text.isWellFormed();

const MESSAGE = "must not contain U+0000 or an unpaired UTF-16 surrogate";

/** A path is shown at most this long: nesting is bounded only by the body limit, an error's details are not. */
const MAX_PATH_CHARS = 200;

/** A value still to look at, and where it is: each frame is also its children's path segment. */
interface Frame {
  readonly value: unknown;
  readonly key: string;
  readonly keyed: boolean;
  readonly parent: Frame | null;
}

/** A key as a path shows it: its own bad characters replaced, so the error stays storable and printable. */
const printable = (key: string): string => key.replaceAll("\u0000", "\uFFFD").toWellFormed();

function dotPath(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) keys.push(printable(at.key));
  const path = keys.reverse().join(".");
  return path.length > MAX_PATH_CHARS ? `${path.slice(0, MAX_PATH_CHARS).toWellFormed()}…` : path;
}

/**
 * Every unstorable string in a parsed JSON value or a record of parameters — values and keys, at any depth —
 * as dot paths like valibot's. Lists the first `limit` and counts them all. Iterative, since JSON nesting is
 * limited only by the body's size.
 */
export function unstorableStrings(value: unknown, limit: number): { issues: Issue[]; total: number } {
  const issues: Issue[] = [];
  let total = 0;
  const found = (at: Frame, message: string) => {
    total++;
    if (issues.length < limit) issues.push({ path: dotPath(at), message });
  };
  // Children are pushed last first and an object's key is checked when its value is reached, so issues come
  // in document order. Numbers, booleans and nulls in arrays cannot fail and are never pushed.
  const pending: Frame[] = [{ value, key: "", keyed: false, parent: null }];
  for (let at = pending.pop(); at; at = pending.pop()) {
    const item = at.value;
    if (at.keyed && !isStorable(at.key)) found(at, `the key ${MESSAGE}`);
    if (typeof item === "string") {
      if (!isStorable(item)) found(at, MESSAGE);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        const child: unknown = item[i];
        if (typeof child === "string" || (child !== null && typeof child === "object"))
          pending.push({ value: child, key: String(i), keyed: false, parent: at });
      }
    } else if (item !== null && typeof item === "object") {
      const keys = Object.keys(item);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        pending.push({ value: (item as Record<string, unknown>)[key], key, keyed: true, parent: at });
      }
    }
  }
  return { issues, total };
}
