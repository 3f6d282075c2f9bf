import { placementOverrides, placementVariable, serviceKey } from "../../runtime/config.ts";
import { PROBE_PATHS } from "../../runtime/http/process-app.ts";
import { type Container, isGateway, type ManifestObject, twofoldProcessOf } from "./read-manifests.ts";
import { SECRET_VARIABLES } from "./secrets.ts";

const WORKLOADS = ["Deployment", "StatefulSet"];
const DEFAULT_PORTS: Record<string, number> = { "redis:": 6379, "postgresql:": 5432, "postgres:": 5432, "http:": 80 };

const nameOf = (object: ManifestObject) => object.metadata?.name ?? "?";
const containersOf = (workload: ManifestObject): readonly Container[] => workload.spec?.template?.spec?.containers ?? [];
const containerPorts = (workload: ManifestObject) => containersOf(workload).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
const isExposed = (service: ManifestObject) => service.spec?.type === "LoadBalancer" || service.spec?.type === "NodePort";
/** A selector picks a workload when every label it names is on the workload's pods. */
const selects = (selector: Readonly<Record<string, string>> | undefined, workload: ManifestObject) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([label, value]) => workload.spec?.template?.metadata?.labels?.[label] === value);

/** The objects by role, and the lookups every check shares. */
class Cluster {
  readonly workloads: readonly ManifestObject[];
  readonly services: readonly ManifestObject[];

  constructor(readonly objects: readonly ManifestObject[]) {
    this.workloads = objects.filter((o) => WORKLOADS.includes(o.kind ?? ""));
    this.services = objects.filter((o) => o.kind === "Service");
  }

  servicesOf(workload: ManifestObject): readonly ManifestObject[] {
    return this.services.filter((s) => selects(s.spec?.selector, workload));
  }

  /** The containers a Service sends its traffic to. */
  behind(service: ManifestObject | undefined): readonly Container[] {
    return this.workloads.filter((w) => selects(service?.spec?.selector, w)).flatMap(containersOf);
  }

  /** The Service a peer is told to reach at host:port, or what is wrong with that address. */
  reach(host: string, port: number, what: string, problems: string[]): ManifestObject | undefined {
    const service = this.services.find((s) => nameOf(s) === host);
    if (!service) return void problems.push(`${what} points at ${host}, which is no Service`);
    if (!(service.spec?.ports ?? []).some((p) => p.port === port))
      problems.push(`${what} points at ${host}:${port}, a port Service ${host} does not serve`);
    return service;
  }
}

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

/** Each object is named and typed once, and every value it hands a container is a string. */
function checkObjects({ objects }: Cluster, problems: string[]): void {
  const seen = new Set<string>();
  for (const object of objects) {
    if (!object.apiVersion || !object.kind || !object.metadata?.name)
      problems.push(`an object without apiVersion, kind or name: ${JSON.stringify(object).slice(0, 80)}`);
    const id = `${object.kind}/${nameOf(object)}`;
    if (seen.has(id)) problems.push(`${id} is defined twice`);
    seen.add(id);
    for (const [variable, value] of Object.entries({ ...object.data, ...object.stringData })) {
      if (typeof value !== "string") problems.push(`${object.kind} ${nameOf(object)}: ${variable} is ${JSON.stringify(value)}, not a string`);
    }
  }
}

/** Each workload has a Service sending to the ports it listens on, each Service a workload; command lines are strings; secret references resolve. */
function checkWorkloads(cluster: Cluster, problems: string[]): void {
  for (const workload of cluster.workloads) {
    const name = `${workload.kind} ${nameOf(workload)}`;
    if (!selects(workload.spec?.selector?.matchLabels, workload)) problems.push(`${name}: its selector does not match its pods`);
    if (cluster.servicesOf(workload).length === 0) problems.push(`${name} has no Service selecting it`);
    for (const service of cluster.servicesOf(workload)) {
      for (const { port, targetPort } of service.spec?.ports ?? []) {
        if (!containerPorts(workload).includes(targetPort))
          problems.push(`Service ${nameOf(service)} sends port ${port} to ${targetPort}, which ${nameOf(workload)} does not listen on`);
        if (port !== targetPort)
          problems.push(`Service ${nameOf(service)}: port ${port} and targetPort ${targetPort} differ, and peers are told one port`);
      }
    }
    for (const container of containersOf(workload)) {
      const words = [...(container.command ?? []), ...(container.args ?? [])];
      if (words.some((word) => typeof word !== "string"))
        problems.push(`${nameOf(workload)}: its command line has a word that is not a string: ${JSON.stringify(words)}`);
      for (const { name: variable, valueFrom } of container.env ?? []) {
        const key = valueFrom?.secretKeyRef;
        const secret = cluster.objects.find((o) => o.kind === "Secret" && nameOf(o) === key?.name);
        if (key && secret?.stringData?.[key.key ?? ""] === undefined)
          problems.push(`${nameOf(workload)}: ${variable} refers to ${key.name}/${key.key}, which does not exist`);
      }
    }
  }
  for (const service of cluster.services) {
    if (!cluster.workloads.some((w) => selects(service.spec?.selector, w))) problems.push(`Service ${nameOf(service)} selects no workload`);
  }
  const exposed = cluster.services.filter(isExposed);
  if (exposed.length !== 1 || !cluster.behind(exposed[0]).some((c) => isGateway(c.command))) {
    problems.push(`the gateway's Service must be the one exposed; exposed: ${exposed.map(nameOf).sort().join(", ") || "none"}`);
  }
}

/**
 * Each twofold process listens and is probed on the port its environment gives it, on every interface, and
 * every address in that environment — each service's host and port as the runtime reads them, every URL —
 * names a Service that serves the port and runs the process the variable is about.
 */
function checkProcess(cluster: Cluster, workload: ManifestObject, container: Container, problems: string[]): void {
  const process = twofoldProcessOf(container.command);
  if (!process) return;
  const name = `${workload.kind} ${nameOf(workload)}`;
  const env = environmentOf(container, cluster.objects, problems);
  const own = Number(process.service ? env[placementVariable("PORT", process.service)] : env.PORT);
  if (!(container.ports ?? []).some((p) => p.containerPort === own))
    problems.push(`${name} is told to listen on ${own} but exposes ${containerPorts(workload)}`);
  const probes = [
    ["startupProbe", container.startupProbe, PROBE_PATHS.liveness, false],
    ["livenessProbe", container.livenessProbe, PROBE_PATHS.liveness, true],
    ["readinessProbe", container.readinessProbe, PROBE_PATHS.readiness, true],
  ] as const;
  for (const [probe, spec, path, required] of probes) {
    if ((spec || required) && (spec?.httpGet?.path !== path || spec.httpGet.port !== own)) {
      problems.push(`${name}: ${probe} must ask ${path} on ${own}, asks ${spec?.httpGet?.path} on ${spec?.httpGet?.port}`);
    }
  }
  if (env.TWOFOLD_BIND_HOST !== "0.0.0.0")
    problems.push(`${name} listens on ${env.TWOFOLD_BIND_HOST ?? "its topology host"}, not every interface: its Service cannot reach it`);
  if (process.service && !env[placementVariable("HOST", process.service)]) {
    problems.push(`${name}: no ${placementVariable("HOST", process.service)}, so the others would look for ${process.service} on their own loopback`);
  }
  const placement = placementOverrides(env);
  for (const [key, host] of placement.hosts) {
    const variable = placementVariable("HOST", key);
    const service = cluster.reach(host, placement.ports.get(key) ?? Number.NaN, `${name}: ${variable}`, problems);
    const runs = cluster.behind(service).map((c) => twofoldProcessOf(c.command)?.service);
    if (service && !runs.some((s) => s !== undefined && serviceKey(s) === key)) {
      problems.push(`${name}: ${variable} points at Service ${host}, which runs ${runs.join(", ") || "no service"}`);
    }
  }
  for (const [variable, value] of Object.entries(env)) {
    if (typeof value !== "string" || !/^[a-z]+:\/\//.test(value)) continue;
    const url = URL.parse(value);
    if (!url) problems.push(`${name}: ${variable} is not a URL`);
    else cluster.reach(url.hostname, Number(url.port || DEFAULT_PORTS[url.protocol]), `${name}: ${variable}`, problems);
  }
}

/** The internal token is in a Secret; no ConfigMap holds a secret variable or any secret's value. */
function checkSecrets({ objects }: Cluster, problems: string[]): void {
  const secrets = objects.filter((o) => o.kind === "Secret").flatMap((s) => Object.values(s.stringData ?? {}));
  if (!objects.some((o) => o.kind === "Secret" && o.stringData?.TWOFOLD_INTERNAL_TOKEN)) problems.push("no Secret holds TWOFOLD_INTERNAL_TOKEN");
  for (const configMap of objects.filter((o) => o.kind === "ConfigMap")) {
    for (const [variable, value] of Object.entries(configMap.data ?? {})) {
      if (SECRET_VARIABLES.includes(variable)) problems.push(`ConfigMap ${nameOf(configMap)} holds ${variable}, a secret`);
      else if (secrets.some((secret) => secret.length >= 4 && String(value).includes(secret))) {
        problems.push(`ConfigMap ${nameOf(configMap)}: ${variable} contains a secret's value`);
      }
    }
  }
}

/** Structure and cross-references of the Kubernetes objects, every problem found. */
export function checkKubernetes(objects: readonly ManifestObject[]): string[] {
  const problems: string[] = [];
  const cluster = new Cluster(objects);
  checkObjects(cluster, problems);
  checkWorkloads(cluster, problems);
  for (const workload of cluster.workloads) for (const container of containersOf(workload)) checkProcess(cluster, workload, container, problems);
  checkSecrets(cluster, problems);
  return problems;
}
