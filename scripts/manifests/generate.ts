import { relative, resolve } from "node:path";
import { shop } from "../../modules/shop.ts";
import { loadConfig } from "../../runtime/config.ts";
import { loadTopology } from "../../runtime/host/topology.ts";
import builtInTopology from "../../topology.json";
import { deploymentPlan } from "./plan.ts";
import { renderManifests } from "./render.ts";
import { deploymentSecrets } from "./secrets.ts";
import { validateManifests } from "./validate.ts";

export interface Generated {
  readonly files: ReadonlyMap<string, string>;
  /** Secrets that were not given (placeholders stand in for them). */
  readonly warnings: readonly string[];
  /** What the validator found wrong; nothing is written while there is any. */
  readonly problems: readonly string[];
}

/**
 * The deployment of the shop's split topology: the topology as the launcher reads it (file, built-in
 * description, the environment's overrides), its secrets from the environment, rendered and validated.
 */
export async function generateManifests(env: Record<string, string | undefined>, options: { out: string; image: string }): Promise<Generated> {
  const config = loadConfig(env, shop.modules);
  const modules = shop.modules.map((m) => m.name);
  const topology = await loadTopology(config.topologyFile, builtInTopology, modules, config.placement);
  const { secrets, warnings } = deploymentSecrets(env);
  const files = renderManifests(deploymentPlan(topology, secrets, options.image), relative(process.cwd(), resolve(options.out)) || ".");
  return { files, warnings, problems: validateManifests(files) };
}
