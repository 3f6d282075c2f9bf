import { SystemClient } from "../../../harness/system/client.ts";
import type { Bench } from "../context.ts";
import { median } from "../stats.ts";
import { newShopper } from "./shopper.ts";

/** How often the one idle client asks whether its order is confirmed: fine enough to see a few ms. */
const IDLE_POLL_MS = 1;

/** Checkout → confirmed p50 on an otherwise idle system: one shopper, checkouts one after another. */
export async function idleCheckoutP50(bench: Bench, url: string): Promise<number> {
  const shopper = await newShopper(new SystemClient("bench", url));
  await shopper.checkoutOnce(IDLE_POLL_MS);
  const samples: number[] = [];
  for (let i = 0; i < bench.sizes.idleCheckouts; i++) samples.push(await shopper.checkoutOnce(IDLE_POLL_MS));
  return median(samples);
}
