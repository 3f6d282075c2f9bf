import { STOP_GRACE_MS } from "../../runtime/host/process-group.ts";
import { PROBE_PATHS } from "../../runtime/http/process-app.ts";
import { type DeployedProcess, type DeploymentPlan, POSTGRES, REDIS } from "./plan.ts";

/** The env file beside compose.yaml holding the secrets, as the Secret does in Kubernetes. */
export const SECRETS_ENV = "secrets.env";

/** A compose service as written to YAML. */
export type ComposeService = Record<string, unknown> & { command: readonly string[] };

const healthy = { condition: "service_healthy" } as const;
const checkEvery = (test: readonly string[]) => ({ test, interval: "5s", timeout: "3s", retries: 3, start_period: "60s" });

/** The readiness check of a twofold process inside its own container (the image has bun, not curl). */
const readinessCheck = (port: number): string[] => [
  "CMD",
  "bun",
  "-e",
  `fetch("http://127.0.0.1:${port}${PROBE_PATHS.readiness}").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

function processService(plan: DeploymentPlan, process: DeployedProcess): ComposeService {
  const services = plan.processes.filter((p) => !p.public).map((p) => p.name);
  return {
    image: plan.image,
    command: process.command,
    environment: plan.config,
    env_file: [SECRETS_ENV],
    expose: [String(process.port)],
    // Only the gateway is published on the host; the services are reachable on the compose network only.
    ...(process.public ? { ports: [`${process.port}:${process.port}`] } : {}),
    healthcheck: checkEvery(readinessCheck(process.port)),
    // Every process needs the broker and the database; the gateway, as under the launcher, waits for the services.
    depends_on: Object.fromEntries([REDIS.name, POSTGRES.name, ...(process.public ? services : [])].map((name) => [name, healthy])),
    restart: "unless-stopped",
    stop_grace_period: `${STOP_GRACE_MS / 1000}s`,
  };
}

/** The deployment as one docker compose file (compose.yaml) and the env file of its secrets. */
export function composeFiles(plan: DeploymentPlan): {
  compose: { name: string; services: Record<string, ComposeService> } & Record<string, unknown>;
  secretsEnv: string;
} {
  const services: Record<string, ComposeService> = {
    [REDIS.name]: {
      image: REDIS.image,
      command: plan.redisArgs,
      expose: [String(REDIS.port)],
      volumes: [`redis-data:${REDIS.dataDir}`],
      healthcheck: checkEvery(["CMD", "redis-cli", "ping"]),
      restart: "unless-stopped",
    },
    [POSTGRES.name]: {
      image: POSTGRES.image,
      command: plan.postgresArgs,
      environment: { POSTGRES_USER: POSTGRES.user, POSTGRES_DB: POSTGRES.database, PGDATA: `${POSTGRES.dataDir}/pgdata` },
      env_file: [SECRETS_ENV],
      expose: [String(POSTGRES.port)],
      volumes: [`postgres-data:${POSTGRES.dataDir}`],
      healthcheck: checkEvery(["CMD", "pg_isready", "-U", POSTGRES.user]),
      restart: "unless-stopped",
    },
  };
  for (const process of plan.processes) services[process.name] = processService(plan, process);
  const lines = Object.entries(plan.secrets).map(([name, value]) => {
    if (/[\r\n]/.test(value)) throw new Error(`${name}: a secret with a line break cannot be written to ${SECRETS_ENV}`);
    return `${name}=${value}`;
  });
  return { compose: { name: "twofold", services, volumes: { "redis-data": {}, "postgres-data": {} } }, secretsEnv: `${lines.join("\n")}\n` };
}
