import { runMain } from "../runtime/cli/main.ts";
import { runContractsCli } from "./contracts/cli/main.ts";

/** Contract tooling: list, print, export, check, publish, record-verification, record-deployment, can-i-deploy, pact. */
await runMain("bun run contracts", () => runContractsCli(process.argv.slice(2)));
