import type { Transport } from "../bus/transport.ts";
import { type TransportChoice, transports } from "../bus/transports.ts";
import type { RuntimeConfig } from "../config.ts";
import { MemoryRateLimiter } from "../limits/memory.ts";
import type { SystemDefinition } from "../system.ts";
import { type AssembledProcess, assembleProcess, serveProcess } from "./assemble.ts";
import type { RunningProcess } from "./process.ts";

/** The monolith before it listens, usable in-process by tests. */
export type Monolith = AssembledProcess;

/**
 * Every module of `system` in this process, one database with a schema per module, on the in-memory bus
 * unless configured otherwise. A component test passes its own channels (calls to stubbed neighbours over HTTP).
 */
export function assembleMonolith(
  system: SystemDefinition,
  config: RuntimeConfig,
  options: { transport?: TransportChoice | Transport; addressOf?: (module: string) => string | undefined } = {},
): Promise<Monolith> {
  return assembleProcess({
    name: "monolith",
    system,
    hosted: system.modules,
    config,
    transport: options.transport ?? config.transport ?? transports.memory,
    addressOf: options.addressOf,
    // One process sees every request, so its own memory holds the whole budget; no Redis in the monolith.
    limits: new MemoryRateLimiter(),
    ownDatabase: false,
    edge: true,
  });
}

/** The monolith serving on the public port (`bun run dev`). */
export async function startMonolith(system: SystemDefinition, config: RuntimeConfig): Promise<RunningProcess> {
  const started = performance.now();
  const monolith = await assembleMonolith(system, config);
  return serveProcess(monolith, { port: config.publicPort, hostname: "0.0.0.0" }, started, `${system.modules.length} modules`);
}
