import type { TraceRecord } from "../model.ts";

/**
 * DOM helpers of the HTML report. Everything is built with DOM calls and text nodes, never innerHTML, so
 * report data (bodies, errors) can't inject markup.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

/** Attributes by name (`false`, null and undefined are left out, `true` is an empty attribute); `on*` keys take listeners. */
type Attrs = Readonly<Record<string, string | number | boolean | null | undefined | EventListener>>;
type Child = Node | string | number | boolean | null | undefined | Child[];

function setAttrs<E extends Element>(el: E, attrs: Attrs): E {
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

export function append<E extends Element>(el: E, child: Child): E {
  if (child === undefined || child === null || child === false) return el;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
  } else el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  return el;
}

export function h(tag: string, attrs: Attrs, children?: Child): HTMLElement {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

export function svg(tag: string, attrs: Attrs, children?: Child): SVGElement {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function fmtMs(ms: unknown): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function truncate(value: unknown, max: number): string {
  const text = String(value);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** JSON with sorted keys, so equal rows from different profiles compare equal as strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.keys(v)
          .sort()
          .reduce<Record<string, unknown>>((o, k) => {
            o[k] = (v as Record<string, unknown>)[k];
            return o;
          }, {})
      : v,
  );
}

export function pretty(value: unknown, max?: number): string {
  // JSON.stringify returns undefined for undefined and functions, whatever its declared type says.
  const text: string | undefined = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return truncate(text === undefined ? "" : text, max || 4000);
}

export function badge(text: string | number, kind: string, attrs?: Attrs): HTMLElement {
  return h("span", Object.assign({ class: `badge${kind ? ` ${kind}` : ""}` }, attrs), text);
}

type Severity = "ok" | "warn" | "failed";

/** The severity of a trace record: HTTP 4xx is a warning (often expected), 5xx and error codes fail. */
export function severity(record: TraceRecord): Severity {
  if (record.kind === "http") {
    const status = parseInt(record.outcome, 10);
    return status >= 500 || Number.isNaN(status) ? "failed" : status >= 400 ? "warn" : "ok";
  }
  return record.outcome === "ok" ? "ok" : "failed";
}
