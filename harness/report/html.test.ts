import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureChromium, renderPage } from "../../runtime/infra/chromium.ts";
import { reportAssets } from "./bundle.ts";
import { embedJson, renderHtml } from "./html.ts";
import { fixtureReport, INJECTION, PROFILES, STUCK_HOLD } from "./html-fixture.ts";

const report = fixtureReport();
const checkKey = (c: { suite: string; check: string }) => `${c.suite} › ${c.check}`;
const checkKeys = [...new Set(report.checks.map(checkKey))];
/** How the serialized DOM spells a text: text nodes and attribute values escape these. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const count = (text: string, needle: string) => text.split(needle).length - 1;
/** src/href (or CSS url/import) pointing off the file: anything with a scheme-relative or http(s) address. */
const EXTERNAL = /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\/|@import/i;

describe("renderHtml", () => {
  let html = "";
  beforeAll(async () => {
    html = await renderHtml(report);
  });

  it("is one well-formed document with the JSON embedded and the script inline", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html.indexOf("<head>")).toBeLessThan(html.indexOf("</head>"));
    expect(html.indexOf("</head>")).toBeLessThan(html.indexOf("<body>"));
    expect(count(html, '<main id="app">')).toBe(1);
    expect(count(html, "<script")).toBe(2);
    expect(count(html, "</script")).toBe(2);
    const script = html.slice(html.lastIndexOf("<script>") + "<script>".length, html.lastIndexOf("</script>"));
    expect(() => new Function(script)).not.toThrow();
  });

  it("escapes </script and <!-- inside payloads and round-trips the report", () => {
    expect(html).not.toContain(INJECTION);
    expect(embedJson({ body: "</script><!--" })).toBe('{"body":"\\u003c/script>\\u003c!--"}');
    const json = html.match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/)?.[1];
    expect(JSON.parse(json ?? "null")).toEqual(report);
  });

  it("references nothing outside the file", () => {
    expect(html).not.toMatch(EXTERNAL);
    expect(html).toContain("default-src 'none'");
  });
});

describe("the report's browser code", () => {
  const root = join(import.meta.dirname, "..", "..");

  it("is bundled once per process and inlined whole: the script from browser/main.ts, the style from browser/report.css", async () => {
    const assets = await reportAssets();
    expect(await reportAssets()).toBe(assets);
    expect(assets.script).toMatch(/^"use strict";\s*\(\(\)\s*=>\s*\{/);
    expect(assets.script).toContain('"render-error"');
    expect(assets.style).toContain("--fail-bg");
    const html = await renderHtml(report);
    expect(html).toContain(`<script>${assets.script}</script>`);
    expect(html).toContain(`<style>${assets.style}</style>`);
  });

  it("type-checks against the DOM's types, in its own project that `bun run typecheck` runs", async () => {
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.typecheck).toContain("tsc -p harness/report/browser");
    const tsc = Bun.spawn([join(root, "node_modules", ".bin", "tsc"), "-p", join(root, "harness/report/browser")], {
      stdout: "pipe",
      stderr: "pipe",
    });
    const [out, code] = await Promise.all([new Response(tsc.stdout).text(), tsc.exited]);
    expect(out).toBe("");
    expect(code).toBe(0);
  }, 60_000);
});

describe("the HTML report in headless Chromium", () => {
  let dir = "";
  let dom = "";
  let requests: readonly string[] = [];

  beforeAll(async () => {
    const chromium = await ensureChromium();
    dir = mkdtempSync(join(tmpdir(), "twofold-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, await renderHtml(report));
    ({ dom, requests } = await renderPage(chromium, file));
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the run's system in its header and over the checks matrix", () => {
    expect(dom).toMatch(/<h1 data-system="shop">twofold run report · shop<\/h1>/);
    expect(dom).toContain("<th>shop checks</th>");
  });

  it("rendered without errors and with the red verdict", () => {
    expect(dom).toContain('data-rendered="true"');
    expect(dom).not.toContain('id="render-error"');
    expect(dom).toMatch(/<section id="summary" data-verdict="fail">/);
    expect(dom).toContain('data-findings="3"');
    expect(dom).toContain('data-invariants-broken="1"');
    expect(dom).toContain('data-known-count="1"');
  });

  it("shows every check, in the matrix and as a collapsible section, failing ones open", () => {
    for (const key of checkKeys) {
      expect(dom).toContain(`data-matrix-check="${escaped(key)}"`);
      expect(dom).toContain(`data-check="${escaped(key)}"`);
    }
    expect(dom).toMatch(/<details class="check" id="check-\d+" data-check="payment declined › [^"]*" data-status="fail" open="">/);
    expect(dom).toMatch(/<details class="check" id="check-\d+" data-check="bad input › [^"]*" data-status="pass">/);
  });

  it("shows every divergence with kind and summary, and the known one's reason", () => {
    report.divergences.forEach((d, i) => {
      expect(dom).toMatch(new RegExp(`data-divergence="${i}" data-kind="${d.kind}" data-known="${d.known ? "true" : "false"}"`));
      expect(dom).toContain(escaped(d.summary));
      expect(dom).toContain(escaped(d.firstDivergentStep?.other ?? ""));
    });
    const known = report.divergences.find((d) => d.known)?.known;
    expect(dom).toContain(`data-known-reason="${known?.id}"`);
    expect(dom).toContain(escaped(known?.reason ?? ""));
    // Findings come before known divergences.
    expect(dom.indexOf('data-known="false"')).toBeLessThan(dom.indexOf('data-known="true"'));
  });

  it("shows each broken invariant with its check, profile and entity, and every profile's lost, doubled and stuck", () => {
    expect(dom).toContain(`data-invariant="${escaped(STUCK_HOLD.invariant)}" data-finding-kind="stuck" data-profile="split"`);
    expect(dom).toContain(escaped(STUCK_HOLD.problem));
    expect(dom).toContain('data-invariants-profile="split"');
    expect(dom).toMatch(/data-reconciliation="monolith"[^>]*><strong>[^<]*<\/strong><span data-counts="0 0 0">/);
    expect(dom).toMatch(/data-reconciliation="split"[^>]*><strong>[^<]*<\/strong><span data-counts="0 0 1">/);
    expect(dom).toMatch(/data-matrix-check="payment declined › [^"]*"(?:(?!<\/tr>)[\s\S])*href="#invariants"/);
    expect(dom).not.toMatch(/data-matrix-check="bad input › [^"]*"(?:(?!<\/tr>)[\s\S])*href="#invariants"/);
  });

  it("draws one SVG sequence diagram per profile's trace, failures highlighted", () => {
    const sections = dom.split('<details class="check"').slice(1);
    expect(sections).toHaveLength(checkKeys.length);
    for (const section of sections) {
      for (const profile of PROFILES) expect(count(section, `data-sequence="" data-profile="${profile}"`)).toBe(1);
    }
    expect(count(dom, '<svg class="sequence"')).toBe(report.checks.filter((c) => c.trace.length).length);
    expect(dom).toMatch(/<g class="msg delivery failed" data-kind="delivery" data-outcome="handler_failed" data-failed="true">/);
    expect(dom).toMatch(/<g class="msg call failed" data-kind="call" data-outcome="call_timeout" data-failed="true">/);
    expect(dom).toContain('data-lane="client"');
    // A publish's "to" lists subscribers; it must not become a lifeline of its own.
    expect(dom).not.toContain('data-lane="notifications,cart"');
  });

  it("marks state rows present in one profile and not the other", () => {
    expect(dom).toMatch(/data-state-row="notifications.notifications" data-change="added" data-missing="split" data-differs="true"/);
    expect(dom).toMatch(/data-state-row="orders.orders" data-change="added" data-missing="monolith monolith-strict" data-differs="true"/);
    expect(dom).toMatch(/data-state-row="cart.items" data-change="removed" data-missing="" data-differs="false"/);
  });

  it("shows payloads as text, and requests nothing outside the file", () => {
    expect(requests).toEqual([]);
    expect(dom).toContain("&lt;/script&gt;&lt;script&gt;document.title=");
    expect(count(dom, "<script")).toBe(2);
    expect(dom).not.toContain("pwned</title>");
    expect(dom).not.toMatch(EXTERNAL);
    for (const [, href] of dom.matchAll(/\bhref="([^"]*)"/g)) expect(href).toMatch(/^#/);
    expect(dom).not.toMatch(/\bsrc=/);
  });
});
