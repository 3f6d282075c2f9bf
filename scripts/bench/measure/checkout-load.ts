import { SystemClient } from "../../../harness/system/client.ts";
import type { Bench } from "../context.ts";
import { treeCpuMs } from "../proc.ts";
import { percentile } from "../stats.ts";
import { newShoppers } from "./shopper.ts";

export interface LoadResult {
  /** Checkouts confirmed per second within the measured window. */
  readonly perSecond: number;
  readonly confirmed: number;
  /** POST /checkout until the order read confirmed, for the checkouts confirmed within the window. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU of the system's whole process tree during the window, per confirmed checkout. */
  readonly cpuMsPerCheckout: number;
}

/** How often a client under load asks whether its order is confirmed. */
const LOAD_POLL_MS = 5;

/**
 * Sustained load: `clients` shoppers, each looping add-to-cart → checkout → poll until confirmed, with no
 * pause, for a warm-up and then the measured window. Only what is confirmed inside the window counts; the
 * CPU of `pid`'s process tree is read at both ends of it. A window in which nothing was confirmed (a short
 * run on a slow machine) stays open until the first confirmation, so there is always a number.
 */
export async function checkoutLoad(bench: Bench, url: string, pid: number): Promise<LoadResult> {
  const { clients, loadSeconds, warmupSeconds } = bench.sizes;
  const shoppers = await newShoppers(new SystemClient("bench", url), clients);
  const begins = performance.now() + warmupSeconds * 1000;
  const ends = begins + loadSeconds * 1000;
  const latencies: number[] = [];
  let cpuAtBegin = 0;
  let closed: { at: number; cpu: number } | undefined;
  const close = () => (closed ??= { at: performance.now(), cpu: treeCpuMs(pid) });
  const atBegin = setTimeout(() => (cpuAtBegin = treeCpuMs(pid)), begins - performance.now());
  const atEnd = setTimeout(() => latencies.length > 0 && close(), ends - performance.now());
  try {
    await Promise.all(
      shoppers.map(async (shopper) => {
        while (!closed) {
          const ms = await shopper.checkoutOnce(LOAD_POLL_MS);
          if (closed || performance.now() < begins) continue;
          latencies.push(ms);
          if (performance.now() >= ends) close();
        }
      }),
    );
  } finally {
    clearTimeout(atBegin);
    clearTimeout(atEnd);
  }
  const window = closed as { at: number; cpu: number };
  const seconds = (window.at - begins) / 1000;
  return {
    perSecond: latencies.length / seconds,
    confirmed: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerCheckout: (window.cpu - cpuAtBegin) / latencies.length,
  };
}
