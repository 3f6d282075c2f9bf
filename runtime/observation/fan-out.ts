import { AppError } from "../errors.ts";
import { idleReport } from "./activity.ts";
import type { ObservationPort } from "./port.ts";

export interface ObservedService {
  readonly name: string;
  readonly modules: readonly string[];
  readonly port: ObservationPort;
}

/**
 * The observation port of a whole topology, answered by its edge: the tap, calls and redelivery from the
 * edge's own port; a module's SQL, state and provider states from the service hosting it; activity, traces,
 * dead letters and the clock from every process. A service that does not answer fails the request with
 * service_unavailable naming it and carrying what the others answered — never a silent skip.
 */
export function fanOut(own: ObservationPort, services: readonly ObservedService[]): ObservationPort {
  const ownerOf = (module: string) => {
    const service = services.find((s) => s.modules.includes(module));
    if (!service) throw new AppError("not_found", `no module ${module}`);
    return service.port;
  };
  const everywhere = async <T>(ask: (port: ObservationPort) => Promise<T>): Promise<T[]> => {
    const asked = [{ name: "gateway", port: own }, ...services];
    const settled = await Promise.allSettled(asked.map((s) => ask(s.port)));
    const unavailable = settled.flatMap((r, i) =>
      r.status === "rejected" ? [{ process: asked[i]?.name, error: String(r.reason?.message ?? r.reason) }] : [],
    );
    const answered = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    if (unavailable.length > 0) {
      throw new AppError("service_unavailable", `no answer from ${unavailable.map((u) => u.process).join(", ")}`, { unavailable, answered });
    }
    return answered;
  };
  return {
    events: (after, waitMs) => own.events(after, waitMs),
    call: (from, name, request) => own.call(from, name, request),
    redeliver: (eventId) => own.redeliver(eventId),
    sql: (module, query, params) => ownerOf(module).sql(module, query, params),
    state: (module) => ownerOf(module).state(module),
    providerState: (module, state, params) => ownerOf(module).providerState(module, state, params),
    idle: async () => idleReport(Object.assign({}, ...(await everywhere((p) => p.idle())).map((r) => r.processes))),
    trace: async (prefix) => (await everywhere((p) => p.trace(prefix))).flat(),
    deadLetters: async () => (await everywhere((p) => p.deadLetters())).flat(),
    // Every process moves by the same amount, so their clocks keep agreeing; the edge's reading is the answer.
    clock: async (command) => (await everywhere((p) => p.clock(command)))[0] as Awaited<ReturnType<ObservationPort["clock"]>>,
    // Every process takes the same faults (each module's calls and deliveries happen in its own process).
    faults: async (added) => (await everywhere((p) => p.faults(added)))[0] as Awaited<ReturnType<ObservationPort["faults"]>>,
  };
}
