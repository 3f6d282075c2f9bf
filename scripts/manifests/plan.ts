import { splitProcesses } from "../../runtime/host/launcher.ts";
import { splitEnv } from "../../runtime/host/split-env.ts";
import { type Topology, withHosts } from "../../runtime/host/topology.ts";
import { POSTGRES_MAX_CONNECTIONS } from "../../runtime/infra/postgres.ts";
import { redisServerSettings } from "../../runtime/infra/redis.ts";
import { type DeploymentSecrets, POSTGRES_PASSWORD, SECRET_VARIABLES } from "./secrets.ts";

/** How the image starts a process: the program the launcher starts from source, then the process's arguments. */
export const PROGRAM: readonly string[] = ["bun", "scripts/twofold.ts"];

/** The broker every process shares, named as its Service: what REDIS_URL points at. */
export const REDIS = { name: "redis", image: "redis:7", port: 6379, dataDir: "/data" } as const;

/** The one database server; each service makes its own database on it (`twofold_<service>`), as split does locally. */
export const POSTGRES = {
  name: "postgres",
  image: "postgres:15",
  port: 5432,
  user: "postgres",
  database: "twofold",
  dataDir: "/var/lib/postgresql/data",
} as const;

/** One twofold process as a container: the command line the launcher would give it, the port it listens on. */
export interface DeployedProcess {
  readonly name: string;
  readonly command: readonly string[];
  readonly port: number;
  /** Only the gateway is reachable from outside. */
  readonly public: boolean;
}

/** Everything both renderings (Kubernetes, compose) are made from. */
export interface DeploymentPlan {
  readonly image: string;
  readonly processes: readonly DeployedProcess[];
  /** Every twofold process's environment without its secrets (the ConfigMap). */
  readonly config: Readonly<Record<string, string>>;
  /** The secrets of every twofold process, and the Postgres server's password (the Secret). */
  readonly secrets: Readonly<Record<string, string>>;
  /** redis-server's arguments: append-only and noeviction, as the launcher's own Redis. */
  readonly redisArgs: readonly string[];
  /** postgres's arguments. */
  readonly postgresArgs: readonly string[];
}

/**
 * The split topology as a deployment: the processes the launcher would start, each reached by its own name
 * (the Kubernetes Service, the compose service), all with the environment the launcher gives its children
 * (splitEnv) pointed at the deployment's Redis and Postgres.
 */
export function deploymentPlan(topology: Topology, secrets: DeploymentSecrets, image: string): DeploymentPlan {
  const taken = topology.services.find((s) => s.name === REDIS.name || s.name === POSTGRES.name);
  if (taken) throw new Error(`a service may not be named ${taken.name}: the deployment's own ${taken.name} is`);
  const deployed = withHosts(topology, (service) => service);
  const password = encodeURIComponent(secrets.postgresPassword);
  const env: Record<string, string> = {
    ...splitEnv(deployed, {
      redisUrl: `redis://${REDIS.name}:${REDIS.port}`,
      databaseUrl: `postgresql://${POSTGRES.user}:${password}@${POSTGRES.name}:${POSTGRES.port}/${POSTGRES.database}`,
      internalToken: secrets.internalToken,
    }),
    TWOFOLD_ENV: "production",
    // A pod's or container's address is not known in advance, and only its Service reaches it anyway.
    TWOFOLD_BIND_HOST: "0.0.0.0",
    TWOFOLD_OPERATOR_KEY: secrets.operatorKey,
  };
  const entries = Object.entries(env);
  return {
    image,
    processes: splitProcesses(deployed).map((p) => ({ name: p.name, command: [...PROGRAM, ...p.args], port: p.port, public: p.public })),
    config: Object.fromEntries(entries.filter(([name]) => !SECRET_VARIABLES.includes(name))),
    secrets: { ...Object.fromEntries(entries.filter(([name]) => SECRET_VARIABLES.includes(name))), [POSTGRES_PASSWORD]: secrets.postgresPassword },
    redisArgs: ["redis-server", ...redisServerSettings(true), "--dir", REDIS.dataDir],
    postgresArgs: ["postgres", "-c", `max_connections=${POSTGRES_MAX_CONNECTIONS}`],
  };
}
