/** Text sent exactly as written: JSON that JSON.stringify cannot produce (`-0`, `1e999`), or a query value not to percent-encode. */
export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string): Raw => new Raw(text);

/** JSON.stringify, except that Raw values go in as written and an own `__proto__` key stays a key. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : toJson(item))).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value).flatMap((key) => {
      const item = (value as Record<string, unknown>)[key];
      return item === undefined ? [] : [`${JSON.stringify(key)}:${toJson(item)}`];
    });
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Percent-encoding that also takes lone surrogates (as their WTF-8 bytes), where encodeURIComponent throws. */
export function percentEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(text[i] as string);
    }
  }
  return out;
}

const queryText = (value: unknown): string =>
  value instanceof Raw
    ? value.text
    : percentEncode(typeof value === "string" ? value : value && typeof value === "object" ? toJson(value) : String(value));

/** A query string from an object of parameters: arrays repeat the parameter (`?limit=1&limit=2`), undefined leaves it out. */
export function toQuery(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (!value || typeof value !== "object" || Array.isArray(value)) return "";
  const pairs = Object.keys(value).flatMap((key) => {
    const item = (value as Record<string, unknown>)[key];
    const items = Array.isArray(item) ? item : [item];
    return items.filter((i) => i !== undefined).map((i) => `${percentEncode(key)}=${queryText(i)}`);
  });
  return pairs.length ? `?${pairs.join("&")}` : "";
}
