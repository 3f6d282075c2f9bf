/** One sample of a scrape: its series name (a histogram's `_bucket`, `_sum`, `_count` included), labels and value. */
export interface ScrapedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

/** A sample's value as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`). */
function number(text: string): number | undefined {
  const special = text.toLowerCase();
  if (special === "nan") return Number.NaN;
  if (special === "+inf" || special === "inf") return Number.POSITIVE_INFINITY;
  if (special === "-inf") return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

const unescaped = (value: string): string => value.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`malformed labels in: ${line}`);
    labels[match[1] as string] = unescaped(match[2] as string);
  }
  return labels;
}

/**
 * Reads Prometheus's text exposition format (0.0.4) strictly: every line is a HELP, a TYPE or a sample, every
 * sample belongs to a family whose TYPE came first, and every value is a number. Throws on anything else.
 */
export function parseExposition(text: string): ScrapedSample[] {
  const types = new Map<string, string>();
  const samples: ScrapedSample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      if (comment[1] === "TYPE") {
        if (!TYPES.has(comment[3] as string)) throw new Error(`unknown type in: ${line}`);
        types.set(comment[2] as string, comment[3] as string);
      }
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample: ${line}`);
    const name = match[1] as string;
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    if (!types.has(family)) throw new Error(`sample of a family with no TYPE: ${line}`);
    const value = number(match[3] as string);
    if (value === undefined) throw new Error(`not a number in: ${line}`);
    samples.push({ name, labels: parseLabels(match[2] ?? "", line), value });
  }
  return samples;
}

/** The samples of a series whose labels include all of `labels`. */
export const samplesOf = (samples: readonly ScrapedSample[], name: string, labels: Record<string, string> = {}): ScrapedSample[] =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The sum of the matching samples' values (0 when none match). */
export const totalOf = (samples: readonly ScrapedSample[], name: string, labels: Record<string, string> = {}): number =>
  samplesOf(samples, name, labels).reduce((sum, s) => sum + s.value, 0);
