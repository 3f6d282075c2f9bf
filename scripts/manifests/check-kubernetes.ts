import { placementOverrides, placementVariable, serviceKey } from "../../runtime/config.ts";
import { PROBE_PATHS } from "../../runtime/http/process-app.ts";
import { type Container, isGateway, type ManifestObject, twofoldProcessOf } from "./read-manifests.ts";
import { SECRET_VARIABLES } from "./secrets.ts";

const WORKLOADS = ["Deployment", "StatefulSet"];
const DEFAULT_PORTS: Record<string, number> = { "redis:": 6379, "postgresql:": 5432, "postgres:": 5432, "http:": 80 };

const nameOf = (object: ManifestObject) => object.metadata?.name ?? "?";
const containersOf = (workload: ManifestObject): readonly Container[] => workload.spec?.template?.spec?.containers ?? [];
const containerPorts = (workload: ManifestObject) => containersOf(workload).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
/** A selector picks a workload when every label it names is on the workload's pods. */
const selects = (selector: Readonly<Record<string, string>> | undefined, workload: ManifestObject) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([label, value]) => workload.spec?.template?.metadata?.labels?.[label] === value);

/** What every twofold container sees: the ConfigMaps and Secrets it takes whole. */
export function environmentOf(container: Container, objects: readonly ManifestObject[], problems: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const [kind, name] = source.configMapRef ? ["ConfigMap", source.configMapRef.name] : ["Secret", source.secretRef?.name];
    const found = objects.find((o) => o.kind === kind && nameOf(o) === name);
    if (!found) problems.push(`container ${container.name} takes its environment from ${kind} ${name}, which does not exist`);
    Object.assign(env, found?.data, found?.stringData);
  }
  return env;
}

/**
 * Structure and cross-references of the Kubernetes objects: each workload has its Service; each twofold
 * process listens, is probed and is reached on one port; every address in the environment names a Service
 * that exists, on a port it serves, selecting the process the variable is about; secrets only in the Secret.
 */
export function checkKubernetes(objects: readonly ManifestObject[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    if (!object.apiVersion || !object.kind || !object.metadata?.name)
      problems.push(`an object without apiVersion, kind or metadata.name: ${JSON.stringify(object).slice(0, 80)}`);
    const id = `${object.kind}/${nameOf(object)}`;
    if (seen.has(id)) problems.push(`${id} is defined twice`);
    seen.add(id);
  }
  const workloads = objects.filter((o) => WORKLOADS.includes(o.kind ?? ""));
  const services = objects.filter((o) => o.kind === "Service");
  const servicesOf = (workload: ManifestObject) => services.filter((s) => selects(s.spec?.selector, workload));

  for (const workload of workloads) {
    if (!selects(workload.spec?.selector?.matchLabels, workload))
      problems.push(`${workload.kind} ${nameOf(workload)}: its selector does not match its pods`);
    if (servicesOf(workload).length === 0) problems.push(`${workload.kind} ${nameOf(workload)} has no Service selecting it`);
    for (const service of servicesOf(workload)) {
      for (const port of service.spec?.ports ?? []) {
        if (!containerPorts(workload).includes(port.targetPort)) {
          problems.push(`Service ${nameOf(service)} sends port ${port.port} to ${port.targetPort}, which ${nameOf(workload)} does not listen on`);
        }
        if (port.port !== port.targetPort)
          problems.push(`Service ${nameOf(service)}: port ${port.port} and targetPort ${port.targetPort} differ from the port peers are told`);
      }
    }
    for (const container of containersOf(workload)) {
      const words = [...(container.command ?? []), ...(container.args ?? [])];
      if (words.some((word) => typeof word !== "string"))
        problems.push(`${nameOf(workload)}: its command line has a word that is not a string: ${JSON.stringify(words)}`);
      for (const ref of container.env ?? []) {
        const key = ref.valueFrom?.secretKeyRef;
        if (!key) continue;
        const secret = objects.find((o) => o.kind === "Secret" && nameOf(o) === key.name);
        if (secret?.stringData?.[key.key ?? ""] === undefined)
          problems.push(`${nameOf(workload)}: ${ref.name} refers to ${key.name}/${key.key}, which does not exist`);
      }
    }
  }
  for (const service of services) {
    if (!workloads.some((w) => selects(service.spec?.selector, w))) problems.push(`Service ${nameOf(service)} selects no workload`);
  }

  const serviceNamed = (name: string) => services.find((s) => nameOf(s) === name);
  const runs = (service: ManifestObject | undefined) => workloads.filter((w) => selects(service?.spec?.selector, w)).flatMap(containersOf);
  const reachable = (host: string, port: number, what: string) => {
    const service = serviceNamed(host);
    if (!service) return void problems.push(`${what} points at ${host}, which is no Service`);
    if (!(service.spec?.ports ?? []).some((p) => p.port === port))
      problems.push(`${what} points at ${host}:${port}, a port Service ${host} does not serve`);
    return service;
  };
  for (const workload of workloads) {
    for (const container of containersOf(workload)) {
      const process = twofoldProcessOf(container.command);
      if (!process) continue;
      const name = `${workload.kind} ${nameOf(workload)}`;
      const env = environmentOf(container, objects, problems);
      const own = Number(process.service ? env[placementVariable("PORT", process.service)] : env.PORT);
      if (!(container.ports ?? []).some((p) => p.containerPort === own))
        problems.push(`${name} is told to listen on ${own} but exposes ${containerPorts(workload)}`);
      const probes = [
        ["startupProbe", container.startupProbe, PROBE_PATHS.liveness, false],
        ["livenessProbe", container.livenessProbe, PROBE_PATHS.liveness, true],
        ["readinessProbe", container.readinessProbe, PROBE_PATHS.readiness, true],
      ] as const;
      for (const [probe, spec, path, required] of probes) {
        if (!spec && !required) continue;
        if (spec?.httpGet?.path !== path || spec.httpGet.port !== own)
          problems.push(`${name}: ${probe} must ask ${path} on ${own}, asks ${spec?.httpGet?.path} on ${spec?.httpGet?.port}`);
      }
      if (env.TWOFOLD_BIND_HOST !== "0.0.0.0")
        problems.push(`${name} listens on ${env.TWOFOLD_BIND_HOST ?? "its topology host"}, not every interface: its Service cannot reach it`);
      if (process.service && !env[placementVariable("HOST", process.service)]) {
        problems.push(
          `${name}: no ${placementVariable("HOST", process.service)}, so the others would look for ${process.service} on their own loopback`,
        );
      }
      // Read as the runtime reads them: every service's host and port, by service key.
      const placement = placementOverrides(env);
      for (const [key, host] of placement.hosts) {
        const variable = placementVariable("HOST", key);
        const service = reachable(host, placement.ports.get(key) ?? Number.NaN, `${name}: ${variable}`);
        const target = runs(service).map((c) => twofoldProcessOf(c.command)?.service);
        if (service && !target.some((s) => s !== undefined && serviceKey(s) === key)) {
          problems.push(`${name}: ${variable} points at Service ${host}, which runs ${target.join(", ") || "no service"}`);
        }
      }
      for (const [variable, value] of Object.entries(env)) {
        if (!/^[a-z]+:\/\//.test(value)) continue;
        const url = new URL(value);
        reachable(url.hostname, Number(url.port || DEFAULT_PORTS[url.protocol]), `${name}: ${variable}`);
      }
    }
  }
  const exposed = services.filter((s) => s.spec?.type === "LoadBalancer" || s.spec?.type === "NodePort");
  const gateway = exposed.length === 1 && runs(exposed[0]).some((c) => isGateway(c.command));
  if (!gateway) problems.push(`the gateway's Service must be the one exposed; exposed: ${exposed.map(nameOf).sort().join(", ") || "none"}`);

  const configMaps = objects.filter((o) => o.kind === "ConfigMap");
  for (const object of objects) {
    for (const [variable, value] of Object.entries({ ...object.data, ...object.stringData })) {
      if (typeof value !== "string") problems.push(`${object.kind} ${nameOf(object)}: ${variable} is ${JSON.stringify(value)}, not a string`);
    }
  }
  const secrets = objects.filter((o) => o.kind === "Secret").flatMap((s) => Object.values(s.stringData ?? {}));
  if (!objects.some((o) => o.kind === "Secret" && o.stringData?.TWOFOLD_INTERNAL_TOKEN)) problems.push("no Secret holds TWOFOLD_INTERNAL_TOKEN");
  for (const configMap of configMaps) {
    for (const [variable, value] of Object.entries(configMap.data ?? {})) {
      if (SECRET_VARIABLES.includes(variable)) problems.push(`ConfigMap ${nameOf(configMap)} holds ${variable}, a secret`);
      else if (secrets.some((secret) => secret.length >= 4 && value.includes(secret)))
        problems.push(`ConfigMap ${nameOf(configMap)}: ${variable} contains a secret's value`);
    }
  }
  return problems;
}
