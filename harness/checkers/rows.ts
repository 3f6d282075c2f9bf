import type { Row, SystemState } from "./model.ts";

/** What invariants read rows with: a table that does not exist (a module with no rows yet) is empty. */

export const rowsOf = (state: SystemState, module: string, table: string): readonly Row[] => state.tables[module]?.[table] ?? [];

/** A column as text; undefined when null or not text. */
export const textOf = (row: Row, column: string): string | undefined => {
  const value = row[column];
  return typeof value === "string" ? value : undefined;
};

/** A money, quantity or count column (bigint columns read back as numbers); 0 when null. */
export const numberOf = (row: Row, column: string): number => Number(row[column] ?? 0);

/** A timestamp column as epoch ms (Postgres' text form or ISO); undefined when null or unreadable. */
export const timeOf = (row: Row, column: string): number | undefined => {
  const value = row[column];
  const ms = typeof value === "string" ? Date.parse(value) : value instanceof Date ? value.getTime() : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** Rows grouped by a column's text value (rows where it is null are left out). */
export function groupBy(rows: readonly Row[], column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = textOf(row, column);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** How often each value occurs (undefined values are left out). */
export function countBy(values: readonly (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Rows by a unique column's text value. */
export const indexBy = (rows: readonly Row[], column: string): Map<string, Row> =>
  new Map(rows.flatMap((row) => (textOf(row, column) === undefined ? [] : [[textOf(row, column) as string, row] as const])));
