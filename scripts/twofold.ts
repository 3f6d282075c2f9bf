import { join } from "node:path";
import { DEFAULT_SYSTEM, isSystemName, loadSystem, type SystemName, systemEnvironment, systemNames, systems } from "../modules/index.ts";
import { loadConfig } from "../runtime/config.ts";
import { startGateway } from "../runtime/host/gateway.ts";
import { launchSplit } from "../runtime/host/launcher.ts";
import { startMonolith } from "../runtime/host/monolith.ts";
import { stopOnSignals } from "../runtime/host/process.ts";
import { startService } from "../runtime/host/service.ts";
import { loadTopology } from "../runtime/host/topology.ts";
import { ensureRedis } from "../runtime/infra/redis.ts";
import { startSplitDatabase } from "../runtime/infra/split-database.ts";
import { createLogger } from "../runtime/log/logger.ts";
import { usePGliteAssets } from "../runtime/persistence/pglite.ts";
import { embeddedPGliteAssets } from "../runtime/persistence/pglite-assets.ts";

const USAGE = `usage: twofold <command> [--system NAME]
  monolith          every module in one process (bun run dev)
  split             one process per service plus the gateway (bun run split)
  service <name>    one service of the split topology
  gateway           the split topology's public edge
  --system NAME     which system: ${systemNames.join(", ")} (default ${DEFAULT_SYSTEM}, or TWOFOLD_SYSTEM)`;

/**
 * How to start this same program again: the compiled binary alone, or bun with this file. Asks Bun rather
 * than matching import.meta.path, whose embedded prefix is "/$bunfs/" on POSIX but "B:/~BUN/" on Windows.
 */
const selfCommand = (): string[] => (Bun.isStandaloneExecutable ? [process.execPath] : [process.execPath, import.meta.path]);

/** Exits 2 with a one-line usage error. */
function usageError(message: string): never {
  console.error(`twofold: ${message}`);
  process.exit(2);
}

/**
 * The command's arguments without `--system NAME`, and the system to run: the one named there, else
 * TWOFOLD_SYSTEM (a registered name, or from source the path of a fixture system), else the default.
 */
function chooseSystem(args: string[]): { rest: string[]; entry: string; registered?: SystemName } {
  const at = args.indexOf("--system");
  if (at < 0) {
    const entry = process.env.TWOFOLD_SYSTEM ?? DEFAULT_SYSTEM;
    return { rest: args, entry, registered: isSystemName(entry) ? entry : undefined };
  }
  const name = args[at + 1] ?? "";
  if (!isSystemName(name)) usageError(`unknown system "${name}": one of ${systemNames.join(", ")}`);
  return { rest: args.filter((_, i) => i !== at && i !== at + 1), entry: name, registered: name };
}

async function main(args: string[]): Promise<void> {
  usePGliteAssets(embeddedPGliteAssets);
  const { rest, entry, registered } = chooseSystem(args);
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
  const [command, name] = rest;
  switch (command) {
    case "monolith":
      return stopOnSignals(await startMonolith(system, config));
    case "service":
      if (!name) throw new Error("service needs a name");
      return stopOnSignals(await startService(system, config, await topology(), name));
    case "gateway":
      return stopOnSignals(await startGateway(system, config, await topology()));
    case "split": {
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
      // The private Redis keeps its data with the rest (append-only): events it accepted survive a restart.
      const redisData = config.dataDir === "memory" ? { log } : { dir: join(config.dataDir, "split-redis"), log };
      const [redis, database] = await Promise.all([
        ensureRedis(config.redisUrl, redisData),
        startSplitDatabase(config.databaseUrl, config.dataDir, log),
      ]);
      log.info({ databases: database.describe }, `databases: ${database.describe}`);
      const internalToken = env.TWOFOLD_INTERNAL_TOKEN ?? crypto.randomUUID();
      const infrastructure = { redisUrl: redis.url, databaseUrl: database.url, internalToken };
      split = await launchSplit(system, await topology(), infrastructure, {
        command: selfCommand(),
        env,
        log,
        // Only a crash loop gets here: a single crash is restarted by the launcher's policy.
        onCrash: () => void shutdown(1),
        signal: starting.signal,
      }).catch(async (error) => {
        await Promise.all([redis.stop(), database.stop()]);
        throw error;
      });
      return;
    }
    default:
      console.error(USAGE);
      process.exit(command ? 2 : 0);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`twofold: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
