/** The HTML report's stylesheet, inlined so the page needs nothing but itself (system fonts only). */
export const reportStyle = `
:root {
  --bg: #f7f8fa; --panel: #ffffff; --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --soft: #eef1f4;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --known: #9a6700; --known-bg: #fff8c5; --warn: #bc4c00; --accent: #0969da;
  --http: #57606a; --call: #0969da; --publish: #8250df; --delivery: #1b7c83;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --panel: #161b22; --ink: #e6edf3; --muted: #8d96a0; --line: #30363d; --soft: #21262d;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1517;
    --known: #d29922; --known-bg: #2b2111; --warn: #db6d28; --accent: #4493f8;
    --http: #8d96a0; --call: #4493f8; --publish: #a371f7; --delivery: #39c5cf;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1400px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 18px 0 8px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: var(--mono); font-size: 12px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.muted { color: var(--muted); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.badge {
  display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  background: var(--soft); color: var(--muted); white-space: nowrap;
}
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.badge.known { background: var(--known-bg); color: var(--known); }
.verdict { display: flex; align-items: center; gap: 14px; border-left: 6px solid; }
.verdict.pass { border-left-color: var(--pass); }
.verdict.fail { border-left-color: var(--fail); }
.verdict .word { font-size: 20px; font-weight: 700; }
.verdict.pass .word { color: var(--pass); }
.verdict.fail .word { color: var(--fail); }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 12px 0; }
.facts div { display: flex; flex-direction: column; }
.facts b { font-size: 18px; }
.facts span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cell-pass { color: var(--pass); }
.cell-fail { color: var(--fail); background: var(--fail-bg); font-weight: 600; }
.cell-none { color: var(--muted); }
tr.diff > td { background: var(--known-bg); }
td.diff { background: var(--fail-bg); }
.divergence { margin-bottom: 12px; border-left: 5px solid var(--fail); }
.divergence.is-known { border-left-color: var(--known); }
.divergence header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 6px; }
.divergence .summary-text { margin: 4px 0 10px; }
.split-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.split-pair > div { background: var(--soft); border-radius: 6px; padding: 8px 10px; min-width: 0; }
.split-pair .label { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.reason { margin-top: 10px; padding: 8px 10px; border-radius: 6px; background: var(--known-bg); color: var(--ink); }
.toolbar { display: flex; gap: 8px; margin: 0 0 12px; }
button {
  font: inherit; font-size: 12px; padding: 3px 10px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--line); background: var(--panel); color: var(--ink);
}
details.check { margin-bottom: 10px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
details.check > summary {
  cursor: pointer; padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  list-style: none; font-weight: 600;
}
details.check > summary::before { content: "▸"; color: var(--muted); width: 12px; }
details.check[open] > summary::before { content: "▾"; }
details.check[data-status="fail"] { border-left: 5px solid var(--fail); }
details.check[data-status="divergent"] { border-left: 5px solid var(--fail); }
details.check[data-status="known"] { border-left: 5px solid var(--known); }
details.check[data-status="pass"] { border-left: 5px solid var(--pass); }
.check-body { padding: 0 14px 14px; }
.error { background: var(--fail-bg); color: var(--fail); padding: 8px 10px; border-radius: 6px; margin: 6px 0; }
.diagrams { display: grid; gap: 12px; }
.diagram { border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; background: var(--panel); }
.diagram > .label { padding: 6px 10px; font-weight: 600; border-bottom: 1px solid var(--line); background: var(--soft); }
svg.sequence { display: block; font-family: system-ui, sans-serif; }
svg.sequence .head rect { fill: var(--soft); stroke: var(--line); }
svg.sequence .head text { fill: var(--ink); font-size: 12px; font-weight: 600; }
svg.sequence .lifeline { stroke: var(--line); stroke-dasharray: 4 4; }
svg.sequence .time { fill: var(--muted); font-size: 10px; }
svg.sequence .msg text { font-size: 11px; fill: var(--ink); }
svg.sequence .msg line, svg.sequence .msg path { fill: none; stroke-width: 1.5; }
svg.sequence .msg polygon { stroke: none; }
svg.sequence .http line, svg.sequence .http path { stroke: var(--http); } svg.sequence .http polygon { fill: var(--http); }
svg.sequence .call line, svg.sequence .call path { stroke: var(--call); } svg.sequence .call polygon { fill: var(--call); }
svg.sequence .publish line, svg.sequence .publish path { stroke: var(--publish); } svg.sequence .publish polygon { fill: var(--publish); }
svg.sequence .delivery line, svg.sequence .delivery path { stroke: var(--delivery); stroke-dasharray: 5 3; }
svg.sequence .delivery polygon { fill: var(--delivery); }
svg.sequence .msg.warn text { fill: var(--warn); }
svg.sequence .msg.failed line, svg.sequence .msg.failed path { stroke: var(--fail); stroke-width: 2.5; }
svg.sequence .msg.failed polygon { fill: var(--fail); }
svg.sequence .msg.failed text { fill: var(--fail); font-weight: 700; }
svg.sequence .msg.failed rect.hl { fill: var(--fail-bg); }
svg.sequence rect.hl { fill: transparent; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin: 4px 0 10px; }
.legend i { display: inline-block; width: 22px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 5px; }
.legend .http { border-color: var(--http); } .legend .call { border-color: var(--call); }
.legend .publish { border-color: var(--publish); } .legend .delivery { border-color: var(--delivery); border-top-style: dashed; }
.legend .failed { border-color: var(--fail); border-top-width: 3px; }
.scroll { overflow-x: auto; }
.state-row code { display: block; max-width: 760px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.present { color: var(--pass); }
.absent { color: var(--fail); font-weight: 600; }
.warnings { color: var(--warn); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
