import { STOP_GRACE_MS } from "../../runtime/host/process-group.ts";
import { PROBE_PATHS } from "../../runtime/http/process-app.ts";
import { type DeployedProcess, type DeploymentPlan, POSTGRES, REDIS } from "./plan.ts";
import { POSTGRES_PASSWORD } from "./secrets.ts";

/** A Kubernetes object as written to YAML. */
export type KubernetesObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> } } & Record<
  string,
  unknown
>;

const CONFIG_MAP = "twofold-config";
const SECRET = "twofold-secrets";

const labelsOf = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "twofold" });

const httpProbe = (path: string, port: number, periodSeconds: number, failureThreshold: number) => ({
  httpGet: { path, port },
  periodSeconds,
  failureThreshold,
  // The gateway's /ready asks every service, each within 2 s.
  timeoutSeconds: 3,
});

const service = (name: string, port: number, spec: Record<string, unknown> = {}): KubernetesObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, labels: labelsOf(name) },
  spec: { selector: labelsOf(name), ports: [{ name: "tcp", port, targetPort: port }], ...spec },
});

const podTemplate = (name: string, container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  metadata: { labels: labelsOf(name) },
  // Service links would add REDIS_PORT=tcp://... and the like to every container: noise beside the settings.
  spec: { enableServiceLinks: false, containers: [{ name, ...container }], ...spec },
});

const claim = (name: string) => ({
  metadata: { name },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
});

/** One twofold process: a Deployment running the launcher's command line for it, and its Service. */
function processObjects(plan: DeploymentPlan, process: DeployedProcess): KubernetesObject[] {
  const deployment: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: process.name, labels: labelsOf(process.name) },
    spec: {
      replicas: 1,
      selector: { matchLabels: labelsOf(process.name) },
      template: podTemplate(
        process.name,
        {
          image: plan.image,
          command: process.command,
          ports: [{ name: "http", containerPort: process.port }],
          envFrom: [{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }],
          // Booting migrates the process's schemas: liveness waits until it answers at all.
          startupProbe: httpProbe(PROBE_PATHS.liveness, process.port, 2, 60),
          livenessProbe: httpProbe(PROBE_PATHS.liveness, process.port, 10, 3),
          readinessProbe: httpProbe(PROBE_PATHS.readiness, process.port, 5, 2),
        },
        // SIGTERM drains requests and deliveries in flight; the launcher allows as long.
        { terminationGracePeriodSeconds: STOP_GRACE_MS / 1000 },
      ),
    },
  };
  // The gateway is the only public entry. A LoadBalancer with externalTrafficPolicy Local keeps the client's
  // source address (kube-proxy would otherwise rewrite it to a node's), and the gateway passes that address on
  // to the per-address rate limits; the services stay ClusterIP, reachable only inside the cluster.
  const exposed = process.public ? { type: "LoadBalancer", externalTrafficPolicy: "Local" } : { type: "ClusterIP" };
  return [deployment, service(process.name, process.port, exposed)];
}

function redisObjects(plan: DeploymentPlan): KubernetesObject[] {
  const statefulSet: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: REDIS.name, labels: labelsOf(REDIS.name) },
    spec: {
      serviceName: REDIS.name,
      replicas: 1,
      selector: { matchLabels: labelsOf(REDIS.name) },
      template: podTemplate(REDIS.name, {
        image: REDIS.image,
        args: plan.redisArgs,
        ports: [{ name: "redis", containerPort: REDIS.port }],
        volumeMounts: [{ name: "data", mountPath: REDIS.dataDir }],
        readinessProbe: { exec: { command: ["redis-cli", "ping"] }, periodSeconds: 5 },
      }),
      volumeClaimTemplates: [claim("data")],
    },
  };
  return [statefulSet, service(REDIS.name, REDIS.port)];
}

function postgresObjects(plan: DeploymentPlan): KubernetesObject[] {
  const statefulSet: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: POSTGRES.name, labels: labelsOf(POSTGRES.name) },
    spec: {
      serviceName: POSTGRES.name,
      replicas: 1,
      selector: { matchLabels: labelsOf(POSTGRES.name) },
      template: podTemplate(POSTGRES.name, {
        image: POSTGRES.image,
        args: plan.postgresArgs,
        ports: [{ name: "postgres", containerPort: POSTGRES.port }],
        env: [
          { name: "POSTGRES_USER", value: POSTGRES.user },
          { name: "POSTGRES_DB", value: POSTGRES.database },
          { name: POSTGRES_PASSWORD, valueFrom: { secretKeyRef: { name: SECRET, key: POSTGRES_PASSWORD } } },
          // A volume's root holds lost+found, which initdb refuses: the cluster lives one level down.
          { name: "PGDATA", value: `${POSTGRES.dataDir}/pgdata` },
        ],
        volumeMounts: [{ name: "data", mountPath: POSTGRES.dataDir }],
        readinessProbe: { exec: { command: ["pg_isready", "-U", POSTGRES.user] }, periodSeconds: 5 },
      }),
      volumeClaimTemplates: [claim("data")],
    },
  };
  return [statefulSet, service(POSTGRES.name, POSTGRES.port)];
}

/** The deployment as Kubernetes objects, by the file each is written to (under kubernetes/). */
export function kubernetesFiles(plan: DeploymentPlan): Map<string, KubernetesObject[]> {
  const files = new Map<string, KubernetesObject[]>([
    ["config.yaml", [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: CONFIG_MAP }, data: plan.config }]],
    ["secret.yaml", [{ apiVersion: "v1", kind: "Secret", metadata: { name: SECRET }, type: "Opaque", stringData: plan.secrets }]],
    [`${REDIS.name}.yaml`, redisObjects(plan)],
    [`${POSTGRES.name}.yaml`, postgresObjects(plan)],
  ]);
  for (const process of plan.processes) files.set(`${process.name}.yaml`, processObjects(plan, process));
  return files;
}
