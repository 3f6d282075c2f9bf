import { UsageError } from "../../../runtime/cli/command-line.ts";
import { command } from "../../../runtime/cli/commands.ts";
import { readSnapshot } from "../broker-store.ts";
import { canIDeploy, type DeployAnswer } from "../can-i-deploy.ts";
import { readDeployments } from "../deployments.ts";
import { partyLabel } from "../findings.ts";
import { readVerifications } from "../verifications.ts";
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

export const canIDeployCommand = command(
  "can-i-deploy",
  {
    usage: "bun run contracts can-i-deploy",
    positionals: "<module> <version>",
    summary: "yes (exit 0) or no (exit 1): is module@version compatible with everything deployed in env, by the broker's snapshots and verifications",
    options: {
      to: { type: "string", value: "ENV", help: "the environment (required)" },
      broker: { type: "string", value: "DIR", default: DEFAULT_BROKER, help: "the broker directory" },
      deployments: { type: "string", value: "FILE", default: DEFAULT_DEPLOYMENTS, help: "what runs where" },
      json: { type: "boolean", help: "a machine-readable answer" },
    },
    examples: ["bun run can-i-deploy orders 1.3.0 --to production"],
  },
  async ({ values, positionals }) => {
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
);
