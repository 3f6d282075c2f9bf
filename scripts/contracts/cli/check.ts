import { readJsonArgument, UsageError } from "../../../runtime/cli/command-line.ts";
import { command } from "../../../runtime/cli/commands.ts";
import type { CompatibilityReport, MessageChange } from "../compatibility.ts";
import { compareDescriptions } from "../compatibility.ts";
import { DESCRIPTION_FORMAT, type SystemDescription } from "../description.ts";
import { renderField } from "../fields.ts";
import { formatIncompatibility } from "../findings.ts";
import { describeAtRef } from "../git-ref.ts";
import { compareSnapshots } from "../snapshot-compare.ts";
import { DEFAULT_BROKER, ROOT } from "./paths.ts";
import { workingTree } from "./working-tree.ts";

const sign = { added: "+", removed: "-", changed: "~" } as const;

function changeLine(change: MessageChange): string {
  const shape =
    change.change === "changed" && change.before && change.after
      ? `${renderField(change.field, change.before)}  →  ${renderField(change.field, change.after).slice(change.field.length + 2)}`
      : renderField(change.field, (change.after ?? change.before)!);
  const who =
    change.part === "request"
      ? `sent by ${change.readBy.join(", ") || "nobody"}`
      : change.readBy.length
        ? `read by ${change.readBy.join(", ")}`
        : "nobody reads it";
  return `    ${sign[change.change]} ${shape}    (${who})`;
}

function renderReport(report: CompatibilityReport, title: string): string {
  const lines = [title];
  for (const problem of report.problems) lines.push(`  FAIL ${formatIncompatibility(problem)}`);
  if (report.notes.length) lines.push("Notes:", ...report.notes.map((n) => `  ${n}`));
  for (const v of report.versions) {
    const past = v.past.length ? `; still describes v${v.past.join(", v")}` : "; describes no older version";
    lines.push(`Version: ${v.provider}: ${v.name} v${v.before} → v${v.after}${past}`);
  }
  if (report.changes.length) {
    lines.push("Changes:");
    const groups = new Map<string, MessageChange[]>();
    for (const c of report.changes) {
      const group = `${c.provider}: ${c.name} ${c.part}`;
      groups.set(group, [...(groups.get(group) ?? []), c]);
    }
    for (const [group, changes] of groups) lines.push(`  ${group}`, ...changes.map(changeLine));
  } else lines.push("No field changes.");
  const count = report.problems.length;
  lines.push(report.compatible ? "Compatible: yes" : `Compatible: no (${count} incompatibilit${count === 1 ? "y" : "ies"})`);
  return lines.join("\n");
}

function readDescription(path: string): SystemDescription {
  const description = readJsonArgument("--against-file", path) as SystemDescription;
  if (description.format !== DESCRIPTION_FORMAT) throw new UsageError(`${path} is not a ${DESCRIPTION_FORMAT} description`);
  return description;
}

export const check = command(
  "check",
  {
    usage: "bun run contracts check",
    summary: "compatibility of the working tree's contracts with a git revision's (or an export, or two broker snapshots); exit 1 when incompatible",
    options: {
      against: { type: "string", value: "GIT-REF", help: "compare with the contracts at a git revision" },
      "use-current-exporter": { type: "boolean", help: "describe the revision with this checkout's exporter" },
      release: { type: "string", value: "M@V", help: "the working tree with module M as its release V's migrations ship it (with --against)" },
      "against-file": { type: "string", value: "FILE", help: "compare with an exported description" },
      from: { type: "string", value: "M@V", help: "a broker snapshot of a provider (with --to)" },
      to: { type: "string", value: "M@V", help: "another snapshot of the same provider" },
      broker: { type: "string", value: "DIR", default: DEFAULT_BROKER, help: "the broker directory" },
      json: { type: "boolean", help: "a machine-readable answer" },
    },
    examples: [
      "bun run contracts check --against main",
      "bun run contracts check --against-file shop.json --json",
      "bun run contracts check --against HEAD --release users@2.0.0",
      "bun run contracts check --from users@1.0.0 --to users@1.1.0",
    ],
  },
  async ({ values }) => {
    let report: CompatibilityReport;
    let title: string;
    if (values.from || values.to) {
      const [module, from] = (values.from ?? "").split("@");
      const [other, to] = (values.to ?? "").split("@");
      if (!module || !from || !to || other !== module)
        throw new UsageError("--from and --to name two versions of one module: --from users@1.0.0 --to users@2.0.0");
      report = compareSnapshots(values.broker, module, from, to);
      title = `${module}@${to} against ${module}@${from} and every consumer in the broker:`;
    } else if (values.against || values["against-file"]) {
      const label = values.against ?? values["against-file"] ?? "";
      const before = values.against
        ? describeAtRef(ROOT, values.against, { useCurrentExporter: values["use-current-exporter"] })
        : readDescription(label);
      const after = values.release ? `the working tree with ${values.release}` : "working tree";
      report = compareDescriptions(before, await workingTree(values.release), { before: label, after });
      title = `Contracts of ${values.release ? after : "the working tree"} against ${label}:`;
    } else throw new UsageError("check needs --against <git-ref>, --against-file FILE, or --from M@V --to M@V");
    console.log(values.json ? JSON.stringify(report, null, 2) : renderReport(report, title));
    return report.compatible ? 0 : 1;
  },
);
