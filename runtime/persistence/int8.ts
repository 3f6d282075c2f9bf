/** Postgres's type oid of `bigint` (int8). */
export const INT8_OID = 20;

/**
 * Every money and stock column is `bigint` read back as a JS number (contracts/money.ts), on every path:
 * entities, raw `execute` and the harness's state dumps. The contracts keep those values within
 * Number.MAX_SAFE_INTEGER, so the number is exact; a larger int8 (none of ours) stays text rather than be rounded.
 */
export const parseInt8 = (text: string): number | string => {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
};
