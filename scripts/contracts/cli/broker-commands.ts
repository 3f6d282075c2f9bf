import type { RunReport } from "../../../harness/report/model.ts";
import { readJsonArgument, UsageError } from "../../../runtime/cli/command-line.ts";
import { command } from "../../../runtime/cli/commands.ts";
import { publishSnapshots } from "../broker-store.ts";
import { recordDeployment } from "../deployments.ts";
import { recordVerifications, verificationsFromReport } from "../verifications.ts";
import { DEFAULT_BROKER, DEFAULT_DEPLOYMENTS, verificationsFile } from "./paths.ts";
import { moduleVersions, releasedModule, workingTree } from "./working-tree.ts";

export const publish = command(
  "publish",
  {
    usage: "bun run contracts publish",
    summary: "snapshot every module at its current version into the broker (<module>@<version>.json); exit 1 on a conflict",
    options: {
      broker: { type: "string", value: "DIR", default: DEFAULT_BROKER, help: "the broker directory" },
      force: { type: "boolean", help: "overwrite a snapshot published with other contracts" },
      release: {
        type: "string",
        value: "M@V",
        help: "only module M, as its release V's migrations ship it (a temporary broker: it is never deployed)",
      },
    },
    examples: ["bun run contracts publish", "bun run contracts publish --release users@2.0.0 --broker /tmp/broker"],
  },
  async ({ values }) => {
    const description = values.release ? await releasedModule(values.release) : await workingTree();
    const results = publishSnapshots(values.broker, description, { force: values.force });
    for (const r of results) {
      const note = r.outcome === "conflict" ? " — already published with other contracts: bump the module's version (or --force)" : "";
      console.log(`${r.outcome.padEnd(9)} ${r.module}@${r.version}${note}`);
    }
    return results.some((r) => r.outcome === "conflict") ? 1 : 0;
  },
);

export const recordVerification = command(
  "record-verification",
  {
    usage: "bun run contracts record-verification",
    positionals: "<harness report.json>",
    summary: 'record which consumer@version was verified against which provider@version (the "Contract verification" checks of a harness run)',
    options: { broker: { type: "string", value: "DIR", default: DEFAULT_BROKER, help: "the broker directory" } },
    examples: ["bun run contracts record-verification .twofold/report/report.json"],
  },
  async ({ values, positionals }) => {
    const [path] = positionals;
    if (!path) throw new UsageError("record-verification needs the path of a harness JSON report (bun run harness --report DIR)");
    const report = readJsonArgument("the harness report", path) as RunReport;
    const versions = await moduleVersions();
    const records = verificationsFromReport(report, (m) => versions.get(m));
    if (records.length === 0) {
      console.log(`${path} has no "Contract verification" checks: nothing recorded`);
      return 1;
    }
    recordVerifications(verificationsFile(values.broker), records);
    for (const r of records)
      console.log(
        `${r.success ? "verified" : "FAILED  "} ${r.consumer}@${r.consumerVersion} → ${r.provider}@${r.providerVersion} (${r.checks} check${r.checks === 1 ? "" : "s"} on ${r.profiles.join(", ")})`,
      );
    return 0;
  },
);

export const recordDeploymentCommand = command(
  "record-deployment",
  {
    usage: "bun run contracts record-deployment",
    positionals: "<module> <version>",
    summary: "record that module@version now runs in an environment",
    options: {
      to: { type: "string", value: "ENV", help: "the environment (required)" },
      deployments: { type: "string", value: "FILE", default: DEFAULT_DEPLOYMENTS, help: "what runs where" },
    },
    examples: ["bun run contracts record-deployment orders 1.3.0 --to production"],
  },
  async ({ values, positionals }) => {
    const [module, version] = positionals;
    if (!module || !version || !values.to) throw new UsageError("usage: record-deployment <module> <version> --to <env>");
    recordDeployment(values.deployments, module, version, values.to);
    console.log(`${module}@${version} runs in ${values.to}`);
    return 0;
  },
);
