import type { SystemDefinition } from "../system.ts";
import type { Topology } from "./topology.ts";

/**
 * The order a split topology stops in, as waves: the gateway first (it stops taking requests and drains),
 * then services callers before callees — each wave is a set of services no service still running calls — so
 * a service keeps answering internal calls until every service that calls it is gone. The modules' consumer
 * contracts say who calls whom. Services in a call cycle stop together, last; replicas stop with their service.
 */
export function stopWaves(system: SystemDefinition, topology: Topology): string[][] {
  const serviceOf = (module: string) => topology.serviceOf(module)?.name;
  const calls = new Map<string, Set<string>>(topology.services.map((s) => [s.name, new Set<string>()]));
  for (const module of system.modules) {
    const caller = serviceOf(module.name);
    for (const use of module.consumes?.uses ?? []) {
      const callee = use.kind === "call" ? serviceOf(use.contract.owner) : undefined;
      if (caller && callee && callee !== caller) calls.get(caller)?.add(callee);
    }
  }
  const waves: string[][] = [["gateway"]];
  const running = new Set(calls.keys());
  while (running.size > 0) {
    const calledByRunning = new Set([...running].flatMap((s) => [...(calls.get(s) ?? [])]));
    const wave = [...running].filter((s) => !calledByRunning.has(s));
    const next = wave.length > 0 ? wave : [...running];
    // A service's replicas stop with it.
    waves.push(next.sort().flatMap((s) => topology.services.find((p) => p.name === s)?.instances.map((i) => i.name) ?? [s]));
    for (const s of next) running.delete(s);
  }
  return waves;
}
