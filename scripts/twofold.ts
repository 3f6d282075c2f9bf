import { join } from "node:path";
import { DEFAULT_SYSTEM, isSystemName, loadSystem, type SystemName, systemEnvironment, systemNames, systems } from "../modules/index.ts";
import { oneOf, UsageError } from "../runtime/cli/command-line.ts";
import { type Command, command, runCommands } from "../runtime/cli/commands.ts";
import { runMain } from "../runtime/cli/main.ts";
import { loadConfig } from "../runtime/config.ts";
import { startGateway } from "../runtime/host/gateway.ts";
import { launchSplit } from "../runtime/host/launcher.ts";
import { startMonolith } from "../runtime/host/monolith.ts";
import { stopOnSignals } from "../runtime/host/process.ts";
import { restartPolicy } from "../runtime/host/process-group.ts";
import { startService } from "../runtime/host/service.ts";
import { loadTopology } from "../runtime/host/topology.ts";
import { ensureRedis } from "../runtime/infra/redis.ts";
import { startSplitDatabase } from "../runtime/infra/split-database.ts";
import { createLogger } from "../runtime/log/logger.ts";
import { usePGliteAssets } from "../runtime/persistence/pglite.ts";
import { embeddedPGliteAssets } from "../runtime/persistence/pglite-assets.ts";
import { syntheticCommand } from "./synthetic/command.ts";

const PROGRAM = "twofold";

/**
 * How to start this same program again: the compiled binary alone, or bun with this file. Asks Bun rather
 * than matching import.meta.path, whose embedded prefix is "/$bunfs/" on POSIX but "B:/~BUN/" on Windows.
 */
const selfCommand = (): string[] => (Bun.isStandaloneExecutable ? [process.execPath] : [process.execPath, import.meta.path]);

const systemOption = {
  system: { type: "string", value: "NAME", help: `which system: ${systemNames.join(", ")} (default ${DEFAULT_SYSTEM}, or TWOFOLD_SYSTEM)` },
} as const;

/**
 * The system to run: the one --system names, else TWOFOLD_SYSTEM (a registered name, or from source the path
 * of a fixture system), else the default.
 */
function chooseSystem(named: string | undefined): { entry: string; registered?: SystemName } {
  if (named !== undefined) return { entry: oneOf("system", named, systemNames), registered: named as SystemName };
  const entry = process.env.TWOFOLD_SYSTEM ?? DEFAULT_SYSTEM;
  return { entry, registered: isSystemName(entry) ? entry : undefined };
}

/** Everything a command that runs the system needs: the system, its configuration and its topology. */
async function prepare(named: string | undefined) {
  usePGliteAssets(embeddedPGliteAssets);
  const { entry, registered } = chooseSystem(named);
  // The system's own defaults (topology file, data directory, queue prefix) under what the environment says;
  // split's children inherit this environment, so they run the same system.
  const env: Record<string, string | undefined> = { ...(registered ? systemEnvironment(registered) : {}), ...process.env, TWOFOLD_SYSTEM: entry };
  const system = await loadSystem(entry);
  const config = loadConfig(env, system.modules);
  const topology = () =>
    loadTopology(
      config.topologyFile,
      systems[registered ?? DEFAULT_SYSTEM].topology,
      system.modules.map((m) => m.name),
      config.placement,
    );
  return { env, system, config, topology };
}

async function runSplit(named: string | undefined): Promise<undefined> {
  const { env, system, config, topology } = await prepare(named);
  const log = createLogger(config.logging, "launcher");
  // Signals are handled from the first moment: one that arrives while the children start must still
  // stop them and the private Redis, or they would outlive the launcher.
  const starting = new AbortController();
  let split: Awaited<ReturnType<typeof launchSplit>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) process.exit(1);
    stopping = true;
    await split?.stop();
    await Promise.all([redis?.stop(), database?.stop()]);
    process.exit(code);
  };
  const onSignal = (signal: string) => (split ? void shutdown(0) : starting.abort(new Error(`${signal} while the split topology was starting`)));
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  // Only a crash loop gets here (of a service or of the private Redis): a single crash is restarted by the policy.
  const giveUp = (name: string) => {
    log.error({ child: name }, `stopping the split topology: ${name} crash-looped`);
    void shutdown(1);
  };
  // The private Redis keeps its data with the rest (append-only): events it accepted survive a restart. It is
  // supervised as the services are: a redis-server that dies comes back on its port and data.
  const supervised = { log, restartPolicy: restartPolicy(config.maxRestarts), onCrash: () => giveUp("redis") };
  const redisData = config.dataDir === "memory" ? supervised : { ...supervised, dir: join(config.dataDir, "split-redis") };
  const [redis, database] = await Promise.all([ensureRedis(config.redisUrl, redisData), startSplitDatabase(config.databaseUrl, config.dataDir, log)]);
  log.info({ databases: database.describe }, `databases: ${database.describe}`);
  const internalToken = env.TWOFOLD_INTERNAL_TOKEN ?? crypto.randomUUID();
  const infrastructure = { redisUrl: redis.url, databaseUrl: database.url, internalToken };
  split = await launchSplit(system, await topology(), infrastructure, {
    command: selfCommand(),
    env,
    log,
    restartPolicy: restartPolicy(config.maxRestarts),
    onCrash: giveUp,
    signal: starting.signal,
  }).catch(async (error) => {
    await Promise.all([redis.stop(), database.stop()]);
    throw error;
  });
  return undefined;
}

const commands: readonly Command[] = [
  command(
    "monolith",
    {
      usage: `${PROGRAM} monolith`,
      summary: "every module in one process (bun run dev)",
      options: systemOption,
      examples: ["bun run dev", "bun run dev --system learning", "PORT=8080 twofold monolith"],
    },
    async ({ values }) => {
      const { system, config } = await prepare(values.system);
      stopOnSignals(await startMonolith(system, config));
      return undefined;
    },
  ),
  command(
    "split",
    {
      usage: `${PROGRAM} split`,
      summary: "one process per service plus the gateway (bun run split)",
      options: systemOption,
      examples: ["bun run split", "REDIS_URL=redis://localhost:6379 twofold split"],
    },
    async ({ values }) => runSplit(values.system),
  ),
  command(
    "service",
    {
      usage: `${PROGRAM} service`,
      positionals: "<name>",
      summary: "one service of the split topology (as the launcher and the deploy manifests run it)",
      options: systemOption,
      examples: ["twofold service orders"],
    },
    async ({ values, positionals }) => {
      const [name, ...extra] = positionals;
      if (!name || extra.length) throw new UsageError("service takes one name: twofold service <name>");
      const { system, config, topology } = await prepare(values.system);
      stopOnSignals(await startService(system, config, await topology(), name));
      return undefined;
    },
  ),
  command(
    "gateway",
    { usage: `${PROGRAM} gateway`, summary: "the split topology's public edge", options: systemOption, examples: ["twofold gateway"] },
    async ({ values }) => {
      const { system, config, topology } = await prepare(values.system);
      stopOnSignals(await startGateway(system, config, await topology()));
      return undefined;
    },
  ),
  syntheticCommand,
];

await runMain(PROGRAM, () =>
  runCommands(PROGRAM, "Runs a system as one process or split into services (README.md).", commands, process.argv.slice(2)),
);
