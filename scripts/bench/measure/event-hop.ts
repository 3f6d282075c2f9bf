import { Bus } from "../../../runtime/bus/bus.ts";
import { createCatalog } from "../../../runtime/bus/catalog.ts";
import { createTransport, transports } from "../../../runtime/bus/transports.ts";
import { loadConfig } from "../../../runtime/config.ts";
import { bootModules } from "../../../runtime/host/boot.ts";
import { MemoryRateLimiter } from "../../../runtime/limits/memory.ts";
import { silentLogger } from "../../../runtime/log/logger.ts";
import type { ModuleDefinition } from "../../../runtime/module.ts";
import type { Bench } from "../context.ts";
import { benchEnv } from "../env.ts";
import { postgres } from "../resources/postgres.ts";
import { redis } from "../resources/redis.ts";
import { alternating } from "../stats.ts";
import { bareBullmqHop } from "./bare-bullmq.ts";
import { Hopped, sinkModule, sourceModule } from "./hop-modules.ts";

/**
 * One event between two split services, in ms: published in a transaction (the outbox row), relayed by the
 * outbox relay onto BullMQ, consumed by the other service's worker, handled in a transaction with its inbox
 * row — each service on its own Postgres database, as split. Beside it, a bare BullMQ add → processed.
 */
export async function eventHop(bench: Bench): Promise<{ value: number; floor: number }> {
  const redisUrl = await bench.use(redis);
  const server = await bench.use(postgres);
  const prefix = `bench${crypto.randomUUID().slice(0, 8)}`;
  const config = loadConfig(benchEnv({ REDIS_URL: redisUrl, TWOFOLD_QUEUE_PREFIX: prefix }));
  const waiting = new Map<number, () => void>();
  const sink = sinkModule((n) => waiting.get(n)?.());
  const service = async (module: ModuleDefinition) => {
    const transport = createTransport(transports.wire, { ...config, redisUrl, addressOf: () => undefined, internalToken: "bench-internal-token" });
    const bus = new Bus({ catalog: createCatalog([], [Hopped]), transport, subscribersOf: () => [sink.name], callTimeoutMs: config.callTimeoutMs });
    const limits = new MemoryRateLimiter();
    const modules = await bootModules([module], bus, () => ({ url: server.databaseUrl(`bench_hop_${module.name}`) }), config, {
      limits,
      log: silentLogger(),
      instance: module.name,
    });
    await transport.start();
    modules.startRelays();
    return {
      modules,
      async stop() {
        await modules.stopRelays();
        await transport.stop();
        await limits.close();
        await modules.close();
      },
    };
  };
  const [source, receiver] = await Promise.all([service(sourceModule), service(sink)]);
  const bare = await bareBullmqHop(redisUrl, prefix, config.worker.concurrency);
  const outbox = source.modules.dbs.get(sourceModule.name);
  if (!outbox) throw new Error("the source module has no database");
  let n = 0;
  const hop = () =>
    new Promise<void>((resolve, reject) => {
      const id = ++n;
      waiting.set(id, () => (waiting.delete(id), resolve()));
      outbox.transaction(async (tx) => void tx.publish(Hopped, { n: id })).catch(reject);
    });
  try {
    const { value, floor } = await alternating(bench.sizes.batches, bench.sizes.hops, hop, bare.hop);
    return { value: value / 1000, floor: floor / 1000 };
  } finally {
    await bare.close();
    await Promise.all([source.stop(), receiver.stop()]);
  }
}
