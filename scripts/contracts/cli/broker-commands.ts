import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { RunReport } from "../../../harness/report/model.ts";
import { publishSnapshots } from "../broker-store.ts";
import { recordDeployment } from "../deployments.ts";
import { recordVerifications, verificationsFromReport } from "../verifications.ts";
import { type Command, UsageError } from "./command.ts";
import { DEFAULT_BROKER, DEFAULT_DEPLOYMENTS, verificationsFile } from "./paths.ts";
import { moduleVersions, workingTree } from "./working-tree.ts";

export const publish: Command = {
  name: "publish",
  usage: "publish [--broker DIR] [--force]",
  summary: "snapshot every module at its current version into the broker (<module>@<version>.json)",
  async run(args) {
    const { values } = parseArgs({ args: [...args], options: { broker: { type: "string", default: DEFAULT_BROKER }, force: { type: "boolean" } } });
    const results = publishSnapshots(values.broker, await workingTree(), { force: values.force });
    for (const r of results) {
      const note = r.outcome === "conflict" ? " — already published with other contracts: bump the module's version (or --force)" : "";
      console.log(`${r.outcome.padEnd(9)} ${r.module}@${r.version}${note}`);
    }
    return results.some((r) => r.outcome === "conflict") ? 1 : 0;
  },
};

export const recordVerification: Command = {
  name: "record-verification",
  usage: "record-verification <harness report.json> [--broker DIR]",
  summary: 'record which consumer@version was verified against which provider@version (the "Contract verification" checks of a harness run)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { broker: { type: "string", default: DEFAULT_BROKER } },
    });
    const [path] = positionals;
    if (!path) throw new UsageError("record-verification needs the path of a harness JSON report (bun run harness --report DIR)");
    const report = JSON.parse(readFileSync(path, "utf8")) as RunReport;
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
};

export const recordDeploymentCommand: Command = {
  name: "record-deployment",
  usage: "record-deployment <module> <version> --to <env> [--deployments FILE]",
  summary: "record that module@version now runs in an environment",
  async run(args) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { to: { type: "string" }, deployments: { type: "string", default: DEFAULT_DEPLOYMENTS } },
    });
    const [module, version] = positionals;
    if (!module || !version || !values.to) throw new UsageError("usage: record-deployment <module> <version> --to <env>");
    recordDeployment(values.deployments, module, version, values.to);
    console.log(`${module}@${version} runs in ${values.to}`);
    return 0;
  },
};
