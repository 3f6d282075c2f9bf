import type { Field, FieldMap } from "./fields.ts";

export interface FieldChange {
  readonly field: string;
  readonly change: "added" | "removed" | "changed";
  readonly before?: Field;
  readonly after?: Field;
}

const same = (a: Field, b: Field) => a.type === b.type && !!a.optional === !!b.optional && !!a.nullable === !!b.nullable;

/** Every field added, removed or changed (type, optional, nullable; not checks) between two shapes. */
export function diffFields(before: FieldMap, after: FieldMap): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, now] of Object.entries(after)) {
    const was = before[field];
    if (!was) changes.push({ field, change: "added", after: now });
    else if (!same(was, now)) changes.push({ field, change: "changed", before: was, after: now });
  }
  for (const [field, was] of Object.entries(before)) if (!after[field]) changes.push({ field, change: "removed", before: was });
  return changes;
}
