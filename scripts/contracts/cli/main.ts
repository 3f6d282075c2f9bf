import { type Command, runCommands } from "../../../runtime/cli/commands.ts";
import { publish, recordDeploymentCommand, recordVerification } from "./broker-commands.ts";
import { canIDeployCommand } from "./can-i-deploy.ts";
import { check } from "./check.ts";
import { exportCommand, list, print } from "./describe-commands.ts";
import { pact } from "./pact.ts";
import { verifyOfficial } from "./verify-official.ts";

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
  verifyOfficial,
];

/** `bun run contracts`: answers the exit code (0 ok or yes, 1 incompatible or no; usage errors are thrown: runtime/cli/main.ts). */
export const runContractsCli = (argv: readonly string[]): Promise<number | undefined> =>
  runCommands(
    "bun run contracts",
    "Consumer contracts: describe, check compatibility, publish, verify, can-i-deploy, Pact (export and the official verifier).",
    commands,
    argv,
  );
