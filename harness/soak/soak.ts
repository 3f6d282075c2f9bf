import { seededRandom } from "../../runtime/bus/faults/random.ts";
import { oneProcessNemesis } from "../nemesis/process.ts";
import { check, defineSuite, type Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/**
 * What a system gives the soak: work prepared before the nemesis starts (customers with full carts), and one
 * unit of it run to its end (a checkout placed and settled), answering how it ended ("confirmed",
 * "cancelled: payment_timeout"). `run` gets a client that rides out restarts (SystemClient.recovering).
 */
export interface SoakDriver<U = unknown> {
  prepare(sys: SystemClient, count: number): Promise<readonly U[]>;
  run(sys: SystemClient, unit: U): Promise<string>;
}

/** How often the nemesis kills a service while the soak runs; the broker is restarted once, as the work starts. */
const SOAK_BEAT_MS = 1500;
/** How long a soak check may run: hundreds of checkouts through a topology being killed. */
export const SOAK_TIMEOUT_MS = 15 * 60_000;

/** "confirmed × 180, cancelled: payment_timeout × 20": how the units ended. */
const tally = (outcomes: readonly string[]): string => {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, n]) => `${outcome} × ${n}`)
    .join(", ");
};

/**
 * The soak (`bun run harness --soak N`): N units of work at once while the nemesis kills one of `modules`'
 * processes every SOAK_BEAT_MS (SIGKILL; its supervisor restarts it) and restarts the broker once. The harness's
 * reconciliation after the run must find nothing lost, doubled or stuck; the check reports its figures.
 */
export function soakSuite<U>(driver: SoakDriver<U>, count: number, modules: readonly string[], beatMs = SOAK_BEAT_MS): Suite {
  return defineSuite("Soak", [
    check(`${count} at once while a service is killed every ${beatMs / 1000} s and the broker restarted once`, async (sys, context) => {
      const nemesis = context.nemesis ?? oneProcessNemesis();
      // Before any work: a one-process profile has no process to kill apart from the rest, and skips here.
      await nemesis.pause(modules[0] ?? "", 0);
      const units = await driver.prepare(sys, count);
      const random = seededRandom(context.seed);
      const kills: string[] = [];
      let brokerRestarts = 0;
      let running = true;
      let beat: (() => void) | undefined;
      // The broker goes first, as the work starts; then a kill every beat until the work is done (one at least).
      const chaos = (async () => {
        await nemesis.restartBroker();
        brokerRestarts++;
        while (running || kills.length === 0) {
          await new Promise<void>((resolve) => {
            beat = resolve;
            setTimeout(resolve, beatMs);
          });
          if (!running && kills.length > 0) return;
          const victim = modules[Math.floor(random() * modules.length)] ?? "";
          await nemesis.kill(victim);
          kills.push(victim);
        }
      })();
      const started = performance.now();
      const client = sys.recovering();
      // Started beside the broker's restart: the first units meet it.
      const outcomes = await Promise.all(units.map((unit) => driver.run(client, unit)));
      running = false;
      beat?.();
      await chaos;
      const stopped = performance.now();
      await sys.idle({ timeoutMs: 120_000 });
      const drainedMs = performance.now() - stopped;
      context.warn(
        `soak: ${outcomes.length} in ${((stopped - started) / 1000).toFixed(1)} s (${tally(outcomes)}); ` +
          `${kills.length} kills (${tally(kills)}), ${brokerRestarts} broker restart(s); idle ${Math.round(drainedMs)} ms after the nemesis stopped`,
      );
    }),
  ]);
}
