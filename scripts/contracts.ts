import { runContractsCli } from "./contracts/cli/main.ts";

/** Contract tooling: list, print, export, check, publish, record-verification, record-deployment, can-i-deploy, pact. */
// exitCode, not exit(): a large export piped to another process must be flushed first.
process.exitCode = await runContractsCli(process.argv.slice(2));
