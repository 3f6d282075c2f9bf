import { checkCompose } from "./check-compose.ts";
import { checkKubernetes } from "./check-kubernetes.ts";
import { readCompose, readKubernetes } from "./read-manifests.ts";

/**
 * Every problem of a set of generated files (by path under the output directory), read back from their text
 * as kubectl and docker compose would read them: `bun run manifests` writes nothing while there is one.
 */
export function validateManifests(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const objects = readKubernetes(files, problems);
  const compose = readCompose(files.get("compose.yaml"), problems);
  return [...problems, ...checkKubernetes(objects), ...checkCompose(compose, files, objects)];
}
