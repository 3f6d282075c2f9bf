import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SYSTEM, loadSystem, type SystemName, systems } from "../modules/index.ts";
import { loadConfig, moduleDatabaseVariable, placementOverrides, placementVariable } from "../runtime/config.ts";
import { serviceDatabaseUrl } from "../runtime/host/database.ts";
import { launchSplit } from "../runtime/host/launcher.ts";
import { type GroupOptions, launchGroup, type ProcessGroup, restartPolicy } from "../runtime/host/process-group.ts";
import { parseTopology } from "../runtime/host/topology.ts";
import { freePort } from "../runtime/infra/ports.ts";
import { ensureRedis, type RedisHandle } from "../runtime/infra/redis.ts";
import { startSplitDatabase } from "../runtime/infra/split-database.ts";
import { createLogger } from "../runtime/log/logger.ts";
import { preparePGlite } from "../runtime/persistence/pglite.ts";
import { type FaultProxy, startFaultProxy } from "./nemesis/proxy/proxy.ts";
import { testEnv } from "./test-env.ts";

export type TopologyKind = "monolith" | "split";
export const topologyKinds: readonly TopologyKind[] = ["monolith", "split"];

/** A topology started for suites: where it answers, how long it took, its processes, how to stop it. */
export interface StartedTopology {
  readonly kind: TopologyKind;
  readonly url: string;
  readonly startupMs: number;
  readonly logFile: string;
  /** Its processes ("monolith", or each service and "gateway"), to kill or restart for fault tests. */
  readonly processes: ProcessGroup;
  /** Its own private Redis, when it was started with one (redisDir). */
  readonly redis?: RedisHandle;
  /** The fault proxy one module's database connections go through, when it was started with one (databaseProxyFor). */
  readonly databaseProxy?: FaultProxy;
  /** The process a module runs in. */
  processOf(module: string): string;
  /** Where the process a module runs in answers (a replicated service's first instance); nothing for a module it does not run. */
  urlOf(module: string): string | undefined;
  stop(): Promise<void>;
}

/**
 * The system a topology runs: a registered one (the default system unless told), or a fixture system (the
 * harness's mutants) given by a source file exporting `system` and its topology file.
 */
export interface SystemUnderTest {
  /** What the processes are told to run as TWOFOLD_SYSTEM: a registered system's name, or the path of a file exporting `system`. */
  readonly entry: string;
  readonly topologyFile: string;
  readonly modules: readonly string[];
}

/** A registered system (modules/index.ts), as a topology runs it. */
export const registeredSystem = (name: SystemName): SystemUnderTest => ({
  entry: name,
  topologyFile: systems[name].topologyFile,
  modules: systems[name].definition.modules.map((m) => m.name),
});

export interface StartOptions {
  /** The default system unless given. */
  readonly system?: SystemUnderTest;
  /** Required for split, unless it gets a Redis of its own (redisDir). */
  readonly redisUrl?: string;
  /**
   * Split: a private redis-server of its own instead, durable in this dir and supervised as `bun run split`'s
   * is (the launcher's restart policy, logged by the launcher), stopped with it: for tests that kill the broker.
   */
  readonly redisDir?: string;
  /**
   * The harness's broker mutant: the private Redis (redisDir) keeps nothing across a restart, as a Redis run
   * without append-only or snapshots does, so whatever it had accepted and not yet delivered is gone.
   */
  readonly brokerWithoutPersistence?: boolean;
  /**
   * Split on Postgres: this module's database connections go through a fault proxy (StartedTopology.databaseProxy)
   * in front of the server, every other module's straight to it.
   */
  readonly databaseProxyFor?: string;
  /** How to run the program: defaults to bun with scripts/twofold.ts; the binary test passes the binary. */
  readonly command?: readonly string[];
  readonly env?: Record<string, string>;
  /** Working directory of every process; the binary test picks one where no node_modules are reachable. */
  readonly cwd?: string;
  /** Told each time a process exits unexpectedly (split restarts it). */
  readonly onExit?: (name: string, code: number | null) => void;
  /** Told when a process is given up on (a crash loop in split, any crash of the monolith); also written to the log. */
  readonly onCrash?: (name: string, code: number | null) => void;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const logTo = (kind: string) => {
  const dir = join(ROOT, ".twofold", "logs");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  return { file, write: (line: string) => appendFileSync(file, `${line}\n`) };
};

/** Starts a topology as real processes on free ports, from this checkout (or a given binary). */
export async function startTopology(kind: TopologyKind, options: StartOptions = {}): Promise<StartedTopology> {
  const system = options.system ?? registeredSystem(DEFAULT_SYSTEM);
  const systemEnv = { TWOFOLD_SYSTEM: system.entry, TWOFOLD_TOPOLOGY: join(ROOT, system.topologyFile) };
  // Each process writes its harness trace through to a file here, which a restarted process reads back.
  const traceDir = mkdtempSync(join(tmpdir(), "twofold-trace-"));
  const forget = () => rmSync(traceDir, { recursive: true, force: true });
  const env: Record<string, string | undefined> = { ...process.env, ...testEnv(), TWOFOLD_TRACE_DIR: traceDir, ...systemEnv, ...options.env };
  const log = logTo(kind);
  // The launcher's records go to the same file as its processes' lines, logged as they log theirs.
  const config = loadConfig(env);
  const launcherLog = createLogger(config.logging, "launcher", log.write);
  const crashed = (name: string, code: number | null) => {
    log.write(`[harness] ${name} crashed with ${code}`);
    options.onCrash?.(name, code);
  };
  const group = (extraEnv: Record<string, string>): GroupOptions => ({
    command: options.command ?? [process.execPath, join(ROOT, "scripts", "twofold.ts")],
    cwd: options.cwd,
    env: { ...env, ...extraEnv },
    log: launcherLog,
    output: log.write,
    onExit: options.onExit,
    onCrash: crashed,
  });
  const started = (
    processes: ProcessGroup,
    url: string,
    processOf: (module: string) => string,
    urlOf: (module: string) => string | undefined,
    after = async () => {},
    redis?: RedisHandle,
    databaseProxy?: FaultProxy,
  ): StartedTopology => ({
    kind,
    url,
    startupMs: processes.startupMs,
    logFile: log.file,
    processes,
    redis,
    databaseProxy,
    processOf,
    urlOf,
    stop: async () => {
      await processes.stop();
      await after();
      forget();
    },
  });
  try {
    await preparePGlite();
    if (kind === "monolith") {
      const port = freePort();
      const url = `http://127.0.0.1:${port}`;
      const processes = await launchGroup(
        "monolith",
        [{ name: "monolith", args: ["monolith"], readyUrl: `${url}/ready` }],
        group({ PORT: String(port) }),
      );
      return started(
        processes,
        url,
        () => "monolith",
        (module) => (system.modules.includes(module) ? url : undefined),
      );
    }
    if (!options.redisUrl && !options.redisDir) throw new Error("the split topology needs a Redis URL or a dir for its own");
    const description: unknown = await Bun.file(systemEnv.TWOFOLD_TOPOLOGY).json();
    const ports: Record<string, string> = { PORT: String(freePort()) };
    // Every instance of every service (replicas included, as the environment asks for them) on a free port.
    for (const instance of parseTopology(description, system.modules, placementOverrides(env)).instances) {
      ports[placementVariable("PORT", instance.name)] = String(freePort());
    }
    // Free ports unless the test itself placed a process (options.env): a test's placement is the point of it.
    const topology = parseTopology(description, system.modules, placementOverrides({ ...env, ...ports, ...options.env }));
    const redis = options.redisDir
      ? await ensureRedis(undefined, {
          ...(options.brokerWithoutPersistence ? {} : { dir: options.redisDir }),
          log: launcherLog,
          restartPolicy: restartPolicy(config.maxRestarts),
          onCrash: (code) => crashed("redis", code),
        })
      : undefined;
    const database = await startSplitDatabase(env.DATABASE_URL, env.TWOFOLD_DATA_DIR ?? "memory");
    const definition = await loadSystem(system.entry, ROOT);
    const infrastructure = {
      redisUrl: redis?.url ?? options.redisUrl ?? "",
      databaseUrl: database.url,
      internalToken: env.TWOFOLD_INTERNAL_TOKEN ?? crypto.randomUUID(),
    };
    const proxied = options.databaseProxyFor
      ? throughProxy(database.url, options.databaseProxyFor, topology.serviceOf(options.databaseProxyFor)?.name)
      : undefined;
    const stopInfrastructure = () => Promise.all([database.stop(), redis?.stop(), proxied?.proxy.stop()]).then(() => {});
    const processes = await launchSplit(definition, topology, infrastructure, {
      ...group(proxied?.env ?? {}),
      restartPolicy: restartPolicy(config.maxRestarts),
    }).catch(async (error) => {
      await stopInfrastructure();
      throw error;
    });
    return started(
      processes,
      processes.url,
      (module) => topology.serviceOf(module)?.name ?? "gateway",
      (module) => topology.serviceOf(module)?.url,
      stopInfrastructure,
      redis,
      proxied?.proxy,
    );
  } catch (error) {
    forget();
    throw new Error(`${error instanceof Error ? error.message : error} (log: ${log.file})`);
  }
}

/** A fault proxy in front of the split database server, and the variable that sends one module's connections through it. */
function throughProxy(serverUrl: string | undefined, module: string, service: string | undefined) {
  if (!serverUrl || !service) throw new Error(`a database proxy for ${module} needs split on Postgres and a service hosting ${module}`);
  const server = new URL(serverUrl);
  const proxy = startFaultProxy({ name: `db-${module}`, upstream: `${server.hostname}:${server.port || 5432}` });
  const url = new URL(serviceDatabaseUrl(serverUrl, service));
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return { proxy, env: { [moduleDatabaseVariable(module)]: url.toString() } };
}
