/**
 * Client-side helpers of the HTML report (browser JavaScript, kept as source text). Everything is built with
 * DOM calls and text nodes, never innerHTML, so report data (bodies, errors) can't inject markup.
 */
export const domHelpers = String.raw`
const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(el, attrs) {
  for (const key in attrs || {}) {
    const value = attrs[key];
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

function append(el, child) {
  if (child === undefined || child === null || child === false) return el;
  if (Array.isArray(child)) child.forEach((c) => append(el, c));
  else el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  return el;
}

function h(tag, attrs, children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

function svg(tag, attrs, children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

function fmtMs(ms) {
  if (typeof ms !== "number" || !isFinite(ms)) return "—";
  return ms < 1000 ? Math.round(ms) + " ms" : (ms / 1000).toFixed(2) + " s";
}

function truncate(text, max) {
  text = String(text);
  return text.length > max ? text.slice(0, Math.max(1, max - 1)) + "…" : text;
}

/** JSON with sorted keys, so equal rows from different profiles compare equal as strings. */
function canonical(value) {
  return JSON.stringify(value, (key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.keys(v).sort().reduce((o, k) => { o[k] = v[k]; return o; }, {})
      : v);
}

function pretty(value, max) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return truncate(text === undefined ? "" : text, max || 4000);
}

function badge(text, kind, attrs) {
  return h("span", Object.assign({ class: "badge" + (kind ? " " + kind : "") }, attrs), text);
}

/** "ok" | "warn" | "failed" for a trace record: HTTP 4xx is a warning (often expected), 5xx and error codes fail. */
function severity(record) {
  if (record.kind === "http") {
    const status = parseInt(record.outcome, 10);
    return status >= 500 || isNaN(status) ? "failed" : status >= 400 ? "warn" : "ok";
  }
  return record.outcome === "ok" ? "ok" : "failed";
}
`;
