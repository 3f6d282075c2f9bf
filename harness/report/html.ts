import { reportAssets } from "./bundle.ts";
import type { RunReport } from "./model.ts";

/**
 * The run report as one self-contained HTML file: it opens offline (no external fonts, scripts or styles),
 * the report JSON is embedded in `<script type="application/json" id="report-data">` and inline JS renders it:
 * browser/main.ts and browser/report.css, type-checked with the DOM's types and bundled by ./bundle.ts.
 *
 * What the page shows, top to bottom:
 * - **Summary**: seed, start time, wall time, each profile's startup/wall time and passed/failed counts, the
 *   number of findings and of known divergences, and a green PASS or red FAIL verdict (findings = 0).
 * - **Divergences**, findings before known ones: check, kind, the baseline and other profile, the summary,
 *   the first divergent step side by side, and for known ones the id and reason they are by design.
 * - **Checks × profiles**: pass/fail and duration per cell, the divergences per check.
 * - **Each check** in a `<details>` (open when it failed or diverged unexpectedly): failure messages, the
 *   steps aligned across profiles (method, path, status; differing ones tinted), an SVG sequence diagram of
 *   each profile's trace (lifelines for the client and every module/process, http/call/publish/delivery
 *   arrows in time order, failures in red), and the state delta with rows missing from a profile marked.
 *
 * Stable hooks for tests and tools: `#summary[data-verdict]`, `[data-divergence][data-kind][data-known]`,
 * `[data-known-reason]`, `#matrix [data-matrix-check]`, `details[data-check][data-status]`,
 * `svg[data-sequence][data-profile]`, `[data-state-row][data-missing]`, `body[data-rendered]`.
 */
export async function renderHtml(report: RunReport): Promise<string> {
  const { script, style } = await reportAssets();
  const title = `twofold report · ${report.system ? `${report.system} · ` : ""}${report.findings === 0 ? "pass" : `${report.findings} findings`} · seed ${report.seed}`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // A CSP that forbids every fetch documents (and enforces) that the page is self-contained.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeText(title)}</title>`,
    `<style>${inline(style, "style")}</style>`,
    "</head>",
    "<body>",
    '<main id="app"><noscript>This report is rendered by JavaScript; the raw run is in the #report-data script element.</noscript></main>',
    `<script type="application/json" id="report-data">${embedJson(report)}</script>`,
    `<script>${inline(script, "script")}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * JSON safe inside a <script> element: escaping every `<` keeps `</script` and `<!--` in any payload from
 * closing or bending the element, and `\u003c` is still valid JSON, so JSON.parse restores it unchanged.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * Code is inlined as is, so it must not contain what would end its element early or, in a script, switch the
 * parser into its escaped states (`<!--`, `<script`); our own sources never do, and a bundler change that did
 * fails here rather than in a reader's browser.
 */
function inline(code: string, tag: "script" | "style"): string {
  const breaking = tag === "script" ? /<\/?script|<!--/i : /<\/style/i;
  if (breaking.test(code)) throw new Error(`the HTML report's bundled ${tag} contains ${code.match(breaking)?.[0]}`);
  return code;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
