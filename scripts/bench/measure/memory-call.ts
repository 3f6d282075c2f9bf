import { memoryDeployment } from "../../../runtime/bus/conformance/deployments.ts";
import type { StrictOptions } from "../../../runtime/bus/memory/strict.ts";
import type { Bench } from "../context.ts";
import { alternating } from "../stats.ts";
import { Say } from "../../../runtime/bus/conformance/contracts.ts";
import { echoOnly, SAY_REQUEST } from "./echo.ts";
import { emitterRoundTrip } from "./events-emit.ts";

/**
 * One call through the Bus over the MemoryTransport (validated, enveloped, answered), in µs, beside the
 * node:events round trip. `strict` is the monolith-strict profile's transport (JSON copies, next-turn answers).
 */
export async function memoryCall(bench: Bench, strict?: StrictOptions): Promise<{ value: number; floor: number }> {
  const deployment = await memoryDeployment(echoOnly, strict);
  const bus = deployment.busOf("pinger");
  try {
    const { batches, memoryCalls } = bench.sizes;
    return await alternating(batches, memoryCalls, () => bus.call("pinger", Say, SAY_REQUEST), emitterRoundTrip());
  } finally {
    await deployment.stop();
  }
}

/** The strict profile's transport without its seeded delivery delays, which apply to events only. */
export const STRICT: StrictOptions = { seed: 1, duplicateRate: 0, maxDelayMs: 0 };
