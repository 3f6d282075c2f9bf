import { placementOverrides, placementVariable } from "../../runtime/config.ts";
import { PROBE_PATHS } from "../../runtime/http/process-app.ts";
import { environmentOf } from "./check-kubernetes.ts";
import type { ComposeEntry, Container, ManifestObject } from "./read-manifests.ts";
import { isGateway, readEnvFile, twofoldProcessOf } from "./read-manifests.ts";

const sameEnv = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The compose file mirrors the Kubernetes objects: the same workloads by name, each twofold process with the
 * same image, command line and environment (its own plus its env files), listening, checked and published
 * where that environment says; every service it depends on or addresses exists.
 */
export function checkCompose(
  services: Record<string, ComposeEntry>,
  files: ReadonlyMap<string, string>,
  objects: readonly ManifestObject[],
): string[] {
  const problems: string[] = [];
  const workloads = objects.filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet");
  const names = (list: readonly string[]) => [...list].sort().join(", ");
  const kubernetesNames = workloads.map((w) => w.metadata?.name ?? "?");
  if (names(Object.keys(services)) !== names(kubernetesNames)) {
    problems.push(`compose runs [${names(Object.keys(services))}], Kubernetes [${names(kubernetesNames)}]`);
  }
  const published: string[] = [];
  for (const [name, entry] of Object.entries(services)) {
    for (const dependency of Object.keys(entry.depends_on ?? {})) {
      if (!services[dependency]) problems.push(`compose ${name} depends on ${dependency}, which is no service`);
    }
    const env: Record<string, string> = { ...entry.environment };
    for (const file of entry.env_file ?? []) {
      const text = files.get(file);
      if (text === undefined) problems.push(`compose ${name} reads ${file}, which was not written`);
      else Object.assign(env, readEnvFile(text));
    }
    if (entry.ports?.length) published.push(name);
    const process = twofoldProcessOf(entry.command);
    if (!process) continue;
    const container = workloads.find((w) => w.metadata?.name === name)?.spec?.template?.spec?.containers?.find((c: Container) => c.command);
    if (!container) continue;
    if (container.image !== entry.image) problems.push(`compose ${name} runs ${entry.image}, Kubernetes ${container.image}`);
    if (container.command?.join(" ") !== entry.command?.join(" "))
      problems.push(`compose ${name} runs "${entry.command?.join(" ")}", Kubernetes "${container.command?.join(" ")}"`);
    if (!sameEnv(env, environmentOf(container, objects, problems))) problems.push(`compose ${name}'s environment differs from its Kubernetes one`);
    const own = process.service ? env[placementVariable("PORT", process.service)] : env.PORT;
    if (!entry.expose?.includes(String(own))) problems.push(`compose ${name} is told to listen on ${own} but exposes ${entry.expose}`);
    if (!entry.healthcheck?.test?.join(" ").includes(`:${own}${PROBE_PATHS.readiness}"`))
      problems.push(`compose ${name}'s healthcheck does not ask ${PROBE_PATHS.readiness} on ${own}`);
    if (!process.service && !entry.ports?.includes(`${own}:${own}`)) problems.push(`compose ${name} (the gateway) does not publish ${own}`);
    for (const [key, host] of placementOverrides(env).hosts) {
      if (!services[host]) problems.push(`compose ${name}: ${placementVariable("HOST", key)} points at ${host}, which is no service`);
    }
  }
  if (published.length !== 1 || !isGateway(services[published[0] ?? ""]?.command)) {
    problems.push(`only the gateway may publish ports on the host; published: ${published.sort().join(", ") || "none"}`);
  }
  return problems;
}
