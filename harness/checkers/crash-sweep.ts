import type { ModuleDefinition } from "../../runtime/module.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import { Skipped } from "../nemesis/process.ts";
import { type Check, check, defineSuite, type Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/**
 * A journey through the system that the crash sweep runs once per crash point: it drives a representative
 * flow and asserts the outcome the system owes (after idle).
 */
export type CrashJourney = (sys: SystemClient) => Promise<void>;

/** One crash point of one module's message path (runtime/bus/faults/crash.ts), and the trace entry that shows it was reached. */
export interface CrashPoint {
  readonly point: "after-handler" | "before-commit" | "before-relay" | "after-reply";
  readonly module: string;
  /** The event type or call name the crash waits for. */
  readonly type: string;
  readonly reached: (entry: TraceEntry) => boolean;
}

/**
 * Every crash point of a system, generated from its modules' declarations, never listed by hand: each event a
 * module handles (after its handler, and before its inbox transaction commits when it has an inbox), each event
 * it publishes (before relay), each call its sagas' steps make (after the reply).
 */
export function crashPoints(modules: readonly ModuleDefinition[]): CrashPoint[] {
  return modules.flatMap((m): CrashPoint[] => {
    const delivered = (type: string) => (e: TraceEntry) => e.kind === "delivery" && e.to === m.name && e.name === type;
    const handled = m.events.flatMap((binding): CrashPoint[] => {
      const type = binding.contract.type;
      const afterHandler: CrashPoint = { point: "after-handler", module: m.name, type, reached: delivered(type) };
      return binding.inbox ? [afterHandler, { point: "before-commit", module: m.name, type, reached: delivered(type) }] : [afterHandler];
    });
    const published = m.publishes.map(
      (contract): CrashPoint => ({
        point: "before-relay",
        module: m.name,
        type: contract.type,
        // Published inline, or relayed by the outbox after the restart (then its deliveries show it).
        reached: (e) => (e.kind === "publish" || e.kind === "delivery") && e.from === m.name && e.name === contract.type,
      }),
    );
    const sagaCalls = [...new Set((m.sagas ?? []).flatMap((saga) => saga.steps.map((step) => step.call.name)))].map(
      (name): CrashPoint => ({
        point: "after-reply",
        module: m.name,
        type: name,
        reached: (e) => e.kind === "call" && e.from === m.name && e.name === name,
      }),
    );
    return [...handled, ...published, ...sagaCalls];
  });
}

export const crashFaultOf = (p: CrashPoint): string => `crash:${p.point}:${p.module}:${p.type}`;

/** An answer in the error envelope saying the service is down or coming back: a clean failure, not a wrong one. */
const CLEAN_FAILURE = /"error":\{"code":"(service_unavailable|circuit_open|bulkhead_full|call_timeout)"/;

function crashCheck(p: CrashPoint, journey: CrashJourney): Check {
  return check(`${p.point} ${p.module} ${p.type}: the journey ends as it should`, async (sys, context) => {
    // The journey asserts its own outcome, the harness the invariants after it: a crash there must change neither.
    // Its client rides out the restart of a crashed service as a real one would, asking again what is safe to.
    // A request it may not repeat (a plain POST) that met the crash fails cleanly, with the error envelope of a
    // service unavailable: the journey ends there, warned of, and what it left must still hold the invariants.
    await sys
      .withFaults(crashFaultOf(p), () => journey(sys.recovering()))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!CLEAN_FAILURE.test(message)) throw error;
        context.warn(`the journey failed cleanly at the crash: ${message.split("\n")[0]}`);
      });
    // A point the journey never passes stopped nothing: said so, not counted as held. (Untagged, as under vitest,
    // the check's conversations cannot be told apart, and it is taken as passed.)
    if (context.correlationPrefix === undefined) return;
    // What a restarted process relays after the journey ended is part of what the point stopped.
    await sys.idle({ timeoutMs: 30_000 });
    const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(context.correlationPrefix)}`);
    if (!body.trace.some(p.reached)) throw new Skipped(`the journey does not pass ${crashFaultOf(p)}`);
  });
}

/**
 * The crash sweep (`bun run harness --crash-sweep`): the system's crash journey once per crash point of
 * `modules`, the process stopped there (SIGKILL and a restart in split, simulated in one process).
 */
export const crashSweepSuite = (modules: readonly ModuleDefinition[], journey: CrashJourney): Suite =>
  defineSuite(
    "Crash points",
    crashPoints(modules).map((p) => crashCheck(p, journey)),
  );
