import type { Bench } from "./context.ts";
import { checkoutLoad, type LoadResult } from "./measure/checkout-load.ts";
import { idleCheckoutP50 } from "./measure/idle-checkouts.ts";
import { type SqlPerCheckout, sqlPerCheckout } from "./measure/sql-per-checkout.ts";
import { monolith } from "./resources/monolith.ts";
import { postgresMonolith } from "./resources/postgres-monolith.ts";
import { split } from "./resources/split.ts";

/** Measurements several metrics read (one load run gives throughput, latency and CPU), each made once per run. */
export const monolithLoad = (bench: Bench): Promise<LoadResult> =>
  bench.once("monolith load", async () => {
    const running = await bench.use(monolith);
    return checkoutLoad(bench, running.url, running.pid);
  });

export const splitLoad = (bench: Bench): Promise<LoadResult> =>
  bench.once("split load", async () => {
    const running = await bench.use(split);
    return checkoutLoad(bench, running.url, running.pid);
  });

export const postgresLoad = (bench: Bench): Promise<LoadResult> =>
  bench.once("postgres load", async () => {
    const running = await bench.use(postgresMonolith);
    return checkoutLoad(bench, running.url, running.pid);
  });

export const monolithIdle = (bench: Bench): Promise<number> =>
  bench.once("monolith idle", async () => idleCheckoutP50(bench, (await bench.use(monolith)).url));

export const splitIdle = (bench: Bench): Promise<number> =>
  bench.once("split idle", async () => idleCheckoutP50(bench, (await bench.use(split)).url));

export const sqlCounts = (bench: Bench): Promise<SqlPerCheckout> => bench.once("sql", () => sqlPerCheckout(bench));
