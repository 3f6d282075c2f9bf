import { Say } from "../../../runtime/bus/conformance/contracts.ts";
import { deploy } from "../../../runtime/bus/conformance/deployments.ts";
import { transports } from "../../../runtime/bus/transports.ts";
import type { Bench } from "../context.ts";
import { alternating } from "../stats.ts";
import { echoOnly, SAY_BYTES, SAY_REQUEST } from "./echo.ts";
import { rawHonoRoundTrip } from "./raw-hono.ts";

/** Calls only: no events are published or consumed, so the wire transport never connects to this Redis. */
const UNUSED_REDIS = "redis://127.0.0.1:1";

/**
 * One call between two services over the wire transport (HTTP on loopback, validated both ends), in µs,
 * beside a bare Hono round trip of the same bytes.
 */
export async function wireCall(bench: Bench): Promise<{ value: number; floor: number }> {
  const deployment = await deploy(transports.wire, echoOnly, { redisUrl: UNUSED_REDIS });
  const raw = rawHonoRoundTrip(SAY_BYTES);
  const bus = deployment.busOf("pinger");
  try {
    const { batches, wireCalls } = bench.sizes;
    return await alternating(batches, wireCalls, () => bus.call("pinger", Say, SAY_REQUEST), raw.call);
  } finally {
    raw.stop();
    await deployment.stop();
  }
}
