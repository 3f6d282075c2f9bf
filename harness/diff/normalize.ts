/**
 * Makes two runs of a check comparable: generated ids become `#1`, `#2`... in order of first appearance (so
 * "the same id in both places" still shows), timestamps become `<time>`, and declared-volatile fields
 * (secrets, tokens, leases) become `<volatile>`.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Fields whose values are random or time-bound by design; they are compared by presence only. */
export const VOLATILE_FIELDS: ReadonlySet<string> = new Set([
  "token",
  "token_hash",
  "password_hash",
  "fingerprint",
  "lease_until",
  "locked_until",
  "correlation_id",
  "causation_id",
  "last_error",
  "etag",
]);

export class Normalizer {
  private readonly ids = new Map<string, string>();

  id(raw: string): string {
    const key = raw.toLowerCase();
    let mapped = this.ids.get(key);
    if (!mapped) this.ids.set(key, (mapped = `#${this.ids.size + 1}`));
    return mapped;
  }

  value(value: unknown, field?: string): unknown {
    if (field && VOLATILE_FIELDS.has(field)) return value === null || value === undefined ? value : "<volatile>";
    if (typeof value === "string") {
      if (TIMESTAMP.test(value)) return "<time>";
      return value.replace(UUID, (match) => this.id(match));
    }
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, this.value((value as Record<string, unknown>)[k], k)]),
      );
    }
    return value;
  }

  /**
   * Rows in an order that does not depend on the ids the system happened to generate: sorted by their content
   * with every id blanked, then normalized in that order.
   */
  rows(rows: readonly unknown[]): unknown[] {
    const blank = (row: unknown) => JSON.stringify(new Normalizer().blankIds(row));
    return [...rows].sort((a, b) => (blank(a) < blank(b) ? -1 : blank(a) > blank(b) ? 1 : 0)).map((row) => this.value(row));
  }

  private blankIds(value: unknown): unknown {
    const normalized = this.value(value);
    return JSON.parse(JSON.stringify(normalized).replace(/#\d+/g, "#"));
  }
}
