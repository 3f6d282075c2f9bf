import { Say } from "../../../runtime/bus/conformance/contracts.ts";
import { deploy } from "../../../runtime/bus/conformance/deployments.ts";
import { parseFaults } from "../../../runtime/bus/faults/parse.ts";
import type { FaultSpec } from "../../../runtime/bus/faults/registry.ts";
import { transports } from "../../../runtime/bus/transports.ts";
import type { Bench } from "../context.ts";
import { alternating } from "../stats.ts";
import { echoOnly, SAY_REQUEST } from "./echo.ts";
import { emitterRoundTrip } from "./events-emit.ts";

/**
 * One call through the Bus over the memory transport (validated, enveloped, answered), in µs, beside the
 * node:events round trip. `faults` make it the monolith-strict
 * profile's transport (JSON copies, next-turn answers).
 */
export async function memoryCall(bench: Bench, faults?: readonly FaultSpec[]): Promise<{ value: number; floor: number }> {
  const deployment = await deploy(transports.memory, echoOnly, { faults });
  const bus = deployment.busOf("pinger");
  try {
    const { batches, memoryCalls } = bench.sizes;
    return await alternating(batches, memoryCalls, () => bus.call("pinger", Say, SAY_REQUEST), emitterRoundTrip());
  } finally {
    await deployment.stop();
  }
}

/** The strict preset; its delays and duplicates touch events only, so a call meets just its copies and later turns. */
export const STRICT: readonly FaultSpec[] = parseFaults("strict");
