import { parseArgs } from "node:util";
import { readSnapshot } from "../broker-store.ts";
import { canIDeploy, type DeployAnswer } from "../can-i-deploy.ts";
import { readDeployments } from "../deployments.ts";
import { partyLabel } from "../findings.ts";
import { readVerifications } from "../verifications.ts";
import { type Command, UsageError } from "./command.ts";
import { DEFAULT_BROKER, DEFAULT_DEPLOYMENTS, verificationsFile } from "./paths.ts";

function renderAnswer(answer: DeployAnswer): string {
  const lines = [`can-i-deploy ${partyLabel(answer.module)} to ${answer.environment}? ${answer.ok ? "yes" : "NO"}`];
  for (const pair of answer.pairs) {
    const v = pair.verification;
    const proof = !v
      ? "not verified (static check only)"
      : v.success
        ? `verified ${v.verifiedAt} on ${v.profiles.join(", ")}`
        : `verification FAILED ${v.verifiedAt}`;
    const status = pair.problems.length
      ? `${pair.problems.length} incompatibilit${pair.problems.length === 1 ? "y" : "ies"}`
      : `compatible, ${proof}`;
    lines.push(`  ${pair.ok ? "✔" : "✘"} ${partyLabel(pair.consumer)} relies on ${partyLabel(pair.provider)} (${pair.uses.join(", ")}): ${status}`);
    lines.push(...pair.notes.map((n) => `      note: ${n}`));
  }
  if (answer.reasons.length) lines.push("Because:", ...answer.reasons.map((r) => `  - ${r}`));
  return lines.join("\n");
}

export const canIDeployCommand: Command = {
  name: "can-i-deploy",
  usage: "can-i-deploy <module> <version> --to <env> [--broker DIR] [--deployments FILE] [--json]",
  summary: "yes (exit 0) or no (exit 1): is module@version compatible with everything deployed in env, by the broker's snapshots and verifications",
  async run(args) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        to: { type: "string" },
        broker: { type: "string", default: DEFAULT_BROKER },
        deployments: { type: "string", default: DEFAULT_DEPLOYMENTS },
        json: { type: "boolean" },
      },
    });
    const [module, version] = positionals;
    if (!module || !version || !values.to) throw new UsageError("usage: can-i-deploy <module> <version> --to <env>");
    const broker = {
      snapshot: (m: string, v: string) => readSnapshot(values.broker, m, v),
      verifications: readVerifications(verificationsFile(values.broker)),
    };
    const answer = canIDeploy(module, version, values.to, broker, readDeployments(values.deployments));
    console.log(values.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer));
    return answer.ok ? 0 : 1;
  },
};
