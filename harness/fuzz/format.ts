import type { Part } from "./part.ts";
import type { FuzzRequest } from "./request.ts";

const LIMIT = 300;

const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Control characters, lone surrogates and invisible format characters as escapes; long text cut with its length. */
export function visible(text: string): string {
  const escaped = text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > LIMIT ? `${escaped.slice(0, LIMIT)}…(${text.length} chars)` : escaped;
}

/** Ids (and other fixture values) by the name to print instead. */
export type Names = ReadonlyMap<string, string>;

const named = (text: string, names: Names) => {
  let out = text;
  for (const [id, name] of names) out = out.split(id).join(`<${name}>`);
  return out;
};

const part = (p: Part, names: Names) => (typeof p === "string" ? named(p, names) : `<${p.ref}>`);

/** A request as one would type it: method, URL, headers, body. */
export function formatRequest(request: FuzzRequest, names: Names = new Map()): string {
  const lines = [
    `${request.method} ${visible(request.path.map((p) => part(p, names)).join("") + named(request.query, names))}   (route ${request.route})`,
  ];
  for (const [name, value] of request.headers) lines.push(`  ${name}: ${visible(part(value, names))}`);
  if (request.body) lines.push(`  ${request.body.bytes ? "bytes " : ""}${visible(named(request.body.text, names))}`);
  return lines.join("\n");
}
