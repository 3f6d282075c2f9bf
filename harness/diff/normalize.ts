/**
 * Makes two runs of a check comparable: generated ids become `#1`, `#2`... in order of first appearance (so
 * "the same id in both places" still shows), timestamps become `<time>`, and declared-volatile fields
 * (secrets, tokens, leases) become `<volatile>`.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/**
 * A random public code, a capitalised prefix and twelve Crockford base-32 symbols (a verification code): as
 * generated as an id, so it is named like one wherever it appears (a row, a reply, a path, a notice's text).
 */
const PUBLIC_CODE = /\b[A-Z]{2,8}-[0-9A-HJKMNP-TV-Z]{12}\b/g;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
/** A timestamp quoted inside a longer text ("it expires at 2026-11-23T03:27:31.882Z"). */
const EMBEDDED_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g;

/** Fields whose values are random or time-bound by design; they are compared by presence only. */
const VOLATILE_FIELDS: ReadonlySet<string> = new Set([
  "token",
  "token_hash",
  "password_hash",
  "fingerprint",
  "lease_until",
  "locked_until",
  // Which process holds a lease: a topology's own process names (monolith, orders, orders-2).
  "lease_holder",
  "locked_by",
  "correlation_id",
  "causation_id",
  "last_error",
  "etag",
  // Event ids kept for deduplication (inbox) or provenance: plumbing whose values say nothing about behaviour.
  "message_id",
  "source_event_id",
]);

/**
 * Columns volatile in one table only ("module.table"), where the same name elsewhere is behaviour (a stock
 * row's version counts its reservations; a device's progress version is the client's own).
 */
const VOLATILE_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = {
  // A saga's version goes up at every write: each claim by a runner and each step's outcome. How many of those
  // a saga makes depends on timing: a step not answered is retried until the deadline, and how many attempts
  // fit depends on where the clock stood when the call went out (a frozen clock advanced by the harness
  // meets a monolith's charge before its first advance, a wire's after). Its step, done and reason are the behaviour.
  "orders.sagas": new Set(["version"]),
};

/** `row` with the columns volatile in `table` masked as volatile fields are. */
const maskColumns = (row: unknown, table: string | undefined): unknown => {
  const columns = table ? VOLATILE_COLUMNS[table] : undefined;
  if (!columns || !row || typeof row !== "object" || Array.isArray(row)) return row;
  const masked = Object.entries(row).map(([k, v]) => [k, columns.has(k) && v !== null && v !== undefined ? "<volatile>" : v]);
  return Object.fromEntries(masked);
};

export class Normalizer {
  private readonly ids = new Map<string, string>();
  /** Raw values of volatile fields seen so far: wherever else they appear (a token quoted in a message), they are masked too. */
  private readonly secrets = new Set<string>();

  /** Remembers the volatile values inside `value`, so that copies of them elsewhere are masked as well. */
  learn(value: unknown, field?: string): void {
    if (field && VOLATILE_FIELDS.has(field) && typeof value === "string" && value.length >= 8) this.secrets.add(value);
    else if (Array.isArray(value)) for (const item of value) this.learn(item);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) this.learn(v, k);
  }

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
      let text = value;
      for (const secret of this.secrets) if (text.includes(secret)) text = text.split(secret).join("<volatile>");
      return text
        .replace(EMBEDDED_TIMESTAMP, "<time>")
        .replace(UUID, (match) => this.id(match))
        .replace(PUBLIC_CODE, (match) => this.id(match));
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
   * with every id not seen yet blanked (ids already named, like a user's, still tell rows apart), then
   * normalized in that order. `table` ("module.table") masks the columns volatile there.
   */
  rows(raw: readonly unknown[], table?: string): unknown[] {
    const rows = raw.map((row) => maskColumns(row, table));
    const keys = new Map(rows.map((row) => [row, this.blankUnknown(row)]));
    const key = (row: unknown) => keys.get(row) ?? "";
    return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((row) => this.value(row));
  }

  /** `value` normalized with every id shown as `#`: a key for ordering that generated ids cannot sway. */
  blank(value: unknown): string {
    const scratch = new Normalizer();
    for (const secret of this.secrets) scratch.secrets.add(secret);
    return JSON.stringify(scratch.value(value) ?? null).replace(/#\d+/g, "#");
  }

  /** Like `blank`, but ids this normalizer has already named keep their names. */
  private blankUnknown(value: unknown): string {
    const scratch = new Normalizer();
    for (const secret of this.secrets) scratch.secrets.add(secret);
    for (const [raw, name] of this.ids) scratch.ids.set(raw, name);
    const known = scratch.ids.size;
    return JSON.stringify(scratch.value(value) ?? null).replace(/#(\d+)/g, (match, n) => (Number(n) > known ? "#" : match));
  }
}
