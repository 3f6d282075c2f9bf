import { fileURLToPath } from "node:url";

/** The HTML report's browser code and stylesheet, as text to inline into the page. */
interface ReportAssets {
  readonly script: string;
  readonly style: string;
}

// import.meta.dir is Bun-only and undefined under vitest, which imports this file too.
const source = (file: string) => fileURLToPath(new URL(`./browser/${file}`, import.meta.url));
const SCRIPT = source("main.ts");
const STYLE = source("report.css");

let built: Promise<ReportAssets> | undefined;

/**
 * browser/main.ts (and what it imports) as one IIFE, so nothing leaks into the page's globals, and
 * browser/report.css, from one Bun.build. Built once per process: every report of a run shares it.
 */
export function reportAssets(): Promise<ReportAssets> {
  built ??= bundle().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function bundle(): Promise<ReportAssets> {
  const result = await Bun.build({
    entrypoints: [SCRIPT, STYLE],
    target: "browser",
    format: "iife",
    minify: true,
    // The sources are modules, strict by definition; the IIFE of a classic script must say so.
    banner: '"use strict";',
    throw: false,
  });
  if (!result.success) throw new Error(`bundling the HTML report's browser code failed:\n${result.logs.join("\n")}`);
  const text = (ext: string) => {
    const output = result.outputs.find((o) => o.path.endsWith(ext));
    if (!output) throw new Error(`bundling the HTML report's browser code produced no ${ext} output`);
    return output.text();
  };
  const [script, style] = await Promise.all([text(".js"), text(".css")]);
  return { script, style };
}
