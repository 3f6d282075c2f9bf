import { existsSync } from "node:fs";
import { DEFAULT_SYSTEM, type SystemName, systemEnvironment, systemNames, systems } from "../../../modules/index.ts";
import { oneOf, UsageError } from "../../../runtime/cli/command-line.ts";
import { command } from "../../../runtime/cli/commands.ts";
import { loadConfig } from "../../../runtime/config.ts";
import { loadTopology } from "../../../runtime/host/topology.ts";
import { officialPlan, runOfficialVerifier } from "../official/run.ts";
import { DEFAULT_PACTS } from "./paths.ts";

export const verifyOfficial = command(
  "verify-official",
  {
    usage: "bun run contracts verify-official",
    summary:
      "the official Pact verifier (pact-js under Node) against a running split topology with the harness on: every pact between modules it runs, HTTP and message interactions",
    options: {
      system: { type: "string", value: "NAME", default: DEFAULT_SYSTEM, help: `which system runs: ${systemNames.join(", ")}` },
      base: { type: "string", value: "URL", help: "the gateway (default: the topology file's gateway port on 127.0.0.1)" },
      pacts: { type: "string", value: "DIR", default: DEFAULT_PACTS, help: "the pact files (bun run contracts pact writes them)" },
    },
    examples: [
      "TWOFOLD_HARNESS=1 TWOFOLD_INTERNAL_TOKEN=pact-verify-token bun run split   # in another terminal, then:",
      "TWOFOLD_INTERNAL_TOKEN=pact-verify-token bun run contracts verify-official",
      "bun run contracts verify-official --system learning --pacts /tmp/pacts",
    ],
  },
  async ({ values }) => {
    const name: SystemName = oneOf("system", values.system, systemNames);
    if (!existsSync(values.pacts)) throw new UsageError(`--pacts ${values.pacts}: no such directory (bun run contracts pact writes the pacts)`);
    const system = systems[name];
    // Where the services answer, read as `bun run split` reads it: the system's topology file under the
    // environment's placement overrides; the internal token the split processes share, from the environment.
    const env = { ...systemEnvironment(name), ...process.env };
    const config = loadConfig(env, system.definition.modules);
    const modules = system.definition.modules.map((m) => m.name);
    const topology = await loadTopology(config.topologyFile, system.topology, modules, config.placement);
    const base = values.base ?? `http://127.0.0.1:${topology.gatewayPort}`;
    const token = config.internalToken;
    if (!token)
      throw new UsageError("set TWOFOLD_INTERNAL_TOKEN to the internal token the split topology runs with (bun run split makes up one otherwise)");
    const plan = officialPlan(values.pacts, (module) => topology.serviceOf(module)?.url, base, token);
    if (plan.providers.length === 0) throw new UsageError(`no pact in ${values.pacts} is between two modules of the ${name} system`);
    const run = await runOfficialVerifier(plan, { echo: true });
    return run.code;
  },
);
