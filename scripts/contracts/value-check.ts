import { atomsOf, valueFits } from "./field-types.ts";
import { type FieldMap, parentOf, ROOT, segmentsOf } from "./fields.ts";

export interface ValueIssue {
  readonly path: string;
  readonly rule: "missing" | "type";
  readonly detail: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The values one step down from each of `values`; absent and null ones are left out (their own path reports them). */
function step(values: readonly unknown[], segment: string): unknown[] {
  const next = values.flatMap((value): unknown[] => {
    if (segment === "[]") return Array.isArray(value) ? value : [];
    if (segment === "{}") return isObject(value) ? Object.values(value) : [];
    const index = /^\[(\d+)\]$/.exec(segment)?.[1];
    if (index !== undefined) return Array.isArray(value) ? [value[Number(index)]] : [];
    return isObject(value) ? [value[segment.slice(1)]] : [];
  });
  return next.filter((v) => v !== undefined && v !== null);
}

const valuesAt = (root: unknown, path: string): unknown[] => segmentsOf(path).reduce(step, [root]);

/**
 * Where a JSON value (an example request) does not satisfy a field map: a required field absent from a
 * parent that is present, or a value of another type. Constraints (lengths, ranges) are not checked.
 */
export function checkValue(map: FieldMap, value: unknown): ValueIssue[] {
  const issues: ValueIssue[] = [];
  for (const [path, field] of Object.entries(map)) {
    const atoms = atomsOf(field.type);
    if (path === ROOT) {
      if (!valueFits(atoms, value)) issues.push({ path, rule: "type", detail: `expects ${field.type}, got ${JSON.stringify(value)}` });
      continue;
    }
    const segments = segmentsOf(path);
    const last = segments.at(-1) as string;
    const parents = valuesAt(value, parentOf(path) ?? "");
    for (const parent of parents) {
      const children = last.startsWith(".") ? [isObject(parent) ? parent[last.slice(1)] : undefined] : step([parent], last);
      for (const child of children) {
        if (child === undefined) {
          if (!field.optional && last.startsWith(".") && isObject(parent))
            issues.push({ path, rule: "missing", detail: `requires ${path} (${field.type})` });
        } else if (child === null) {
          if (!field.nullable) issues.push({ path, rule: "type", detail: `expects ${field.type}, got null` });
        } else if (!valueFits(atoms, child)) {
          issues.push({ path, rule: "type", detail: `expects ${field.type}, got ${JSON.stringify(child)}` });
        }
      }
    }
  }
  return issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path && o.detail === issue.detail) === i);
}
