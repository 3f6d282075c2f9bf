import type { Finding, FuzzReport } from "./fuzz.ts";

const indent = (text: string, by: string) => text.split("\n").map((line) => `${by}${line}`);

function describeFinding(f: Finding): string[] {
  const { kind, status, code, message } = f.problem;
  const head = `${f.known ? "known" : "FAIL "} ${f.count}× ${kind} ${status ?? ""} ${code ?? ""} on ${f.route}${f.known ? ` (${f.known})` : ""}`;
  const lines = [head.replace(/ {2,}/g, " "), `      ${message.slice(0, 300)}`];
  if (f.firstRun < 0) return [...lines, "      the event:", ...indent(f.example, "        ")];
  if (f.shrunk === undefined) return [...lines, "      first request:", ...indent(f.example, "        ")];
  if (f.shrunk === "not reproduced alone")
    return [...lines, "      not reproduced alone (it depends on earlier requests); first request:", ...indent(f.example, "        ")];
  return [...lines, `      shrunk (${f.shrunk.shrinks} shrinks, path ${f.shrunk.path}):`, ...indent(f.shrunk.request, "        ")];
}

/** A fuzz run as terminal lines: the seed and counts, then every class of failure with its smallest request. */
export function describeReport(report: FuzzReport, label: string): string {
  const head = `[${label}] fuzz seed ${report.seed}: ${report.surveyed === report.numRuns ? report.numRuns : `${report.surveyed} of ${report.numRuns} (time budget)`} runs, ${report.requests} requests, ${report.serverErrors} 5xx, ${report.findings.length} failure class(es), ${(report.wallMs / 1000).toFixed(1)} s (setup ${(report.setupMs / 1000).toFixed(1)} s), /ready ${report.ready ? "200" : "NOT 200"}`;
  return [head, ...report.findings.flatMap((f) => describeFinding(f).map((line) => `  ${line}`))].join("\n");
}
