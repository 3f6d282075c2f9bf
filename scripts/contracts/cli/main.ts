import { publish, recordDeploymentCommand, recordVerification } from "./broker-commands.ts";
import { canIDeployCommand } from "./can-i-deploy.ts";
import { check } from "./check.ts";
import { type Command, UsageError } from "./command.ts";
import { exportCommand, list, print } from "./describe-commands.ts";
import { pact } from "./pact.ts";

const commands: readonly Command[] = [
  list,
  print,
  exportCommand,
  check,
  publish,
  recordVerification,
  recordDeploymentCommand,
  canIDeployCommand,
  pact,
];

const usage = () =>
  ["usage: bun scripts/contracts.ts <command> [options]", "", ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`)].join("\n");

/** scripts/contracts.ts: answers the exit code (0 ok or yes, 1 incompatible or no, 2 a usage or input error). */
export async function runContractsCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const asked = !name || name === "help" || name === "--help";
    if (asked) console.log(usage());
    else console.error(`unknown command ${name}\n\n${usage()}`);
    return asked ? 0 : 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      error instanceof UsageError ? `${message}\n\nusage: bun scripts/contracts.ts ${command.usage}` : `contracts ${command.name}: ${message}`,
    );
    return 2;
  }
}
