import type { RuntimeConfig } from "../config.ts";
import type { WireOptions } from "../bus/wire/transport.ts";
import type { Topology } from "./topology.ts";

/** The Redis every split process shares (events, the tap, rate limits). */
export function splitRedisUrl(config: RuntimeConfig): string {
  if (!config.redisUrl) throw new Error("split mode needs REDIS_URL (the launcher starts a private Redis when it is unset)");
  return config.redisUrl;
}

/** The split transport's settings for any process of a topology (service or gateway). */
export function wireOptions(config: RuntimeConfig, topology: Topology): WireOptions {
  if (!config.internalToken) {
    throw new Error("TWOFOLD_INTERNAL_TOKEN is required outside development: every process of the split topology must share one secret (≥ 16 characters) for its internal calls");
  }
  return {
    redis: { url: splitRedisUrl(config), maxRetriesPerRequest: null },
    queuePrefix: config.queuePrefix,
    policy: config.delivery,
    timings: config.worker,
    addressOf: (module) => topology.serviceOf(module)?.url,
    internalToken: config.internalToken,
    faults: config.faults,
    seed: config.seed,
  };
}
