import type { Bus } from "../bus/bus.ts";
import { newId } from "../bus/context.ts";
import type { Transport } from "../bus/transport.ts";
import { applyClockCommand, clock } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { ModuleDb } from "../persistence/module-db.ts";
import { idleReport } from "./activity.ts";
import { writeClockStanding } from "./clock-file.ts";
import type { EventTap } from "./event-tap.ts";
import { harnessCall } from "./harness-call.ts";
import type { ObservationPort } from "./port.ts";
import { moduleState, readOnlyQuery } from "./state-reader.ts";
import type { TraceRecorder } from "./trace.ts";

/** What the port reads of a process's modules: their databases, provider states and unfinished work. */
interface ObservedModules {
  readonly dbs: ReadonlyMap<string, ModuleDb>;
  providerState(module: string, state: string, params: Readonly<Record<string, string | number | boolean>>): Promise<void>;
  outboxPending(): Promise<number>;
  backgroundPending(): Promise<number>;
}

export interface ObservedProcess {
  readonly name: string;
  readonly bus: Bus;
  readonly transport: Transport;
  readonly modules: ObservedModules;
  readonly requestsInFlight: () => number;
  readonly recorder: TraceRecorder;
  /** Present in the process that hosts the event tap (the monolith, the split gateway). */
  readonly tap?: EventTap;
  /** Which modules subscribe to an event type (not the tap): who a redelivery goes to. */
  readonly subscribersOf: (type: string) => readonly string[];
  /** Where the topology's clock standing is kept for processes started later (clock-file.ts). */
  readonly clockFile?: string;
}

/** The observation port of one process, answered from what it holds itself. */
export function localObservation(process: ObservedProcess): ObservationPort {
  const { bus, transport, modules, tap } = process;
  const dbOf = (module: string) => {
    const db = modules.dbs.get(module);
    if (!db) throw new AppError("not_found", `${module} is not hosted by ${process.name}`);
    return db;
  };
  const tapped = () => {
    if (!tap) throw new AppError("not_found", `${process.name} hosts no event tap`);
    return tap;
  };
  return {
    events: (after, waitMs) => tapped().since(after, waitMs),
    idle: async () => {
      const activity = await transport.activity();
      return idleReport({
        [process.name]: {
          requests: process.requestsInFlight(),
          calls: activity.callsInFlight,
          deliveries: activity.deliveriesPending,
          outbox: await modules.outboxPending(),
          background: await modules.backgroundPending(),
        },
      });
    },
    sql: (module, query, params) => readOnlyQuery(dbOf(module), query, params),
    state: (module) => moduleState(dbOf(module)),
    trace: async (prefix) => process.recorder.find(prefix),
    providerState: (module, state, params) => modules.providerState(module, state, params),
    call: (from, name, request) => harnessCall(bus, from, name, request),
    deadLetters: () => transport.deadLetters(),
    clock: async (command) => {
      const state = applyClockCommand(clock, command);
      if (process.clockFile) writeClockStanding(clock, process.clockFile);
      return state;
    },
    faults: async (added) => {
      const control = transport.faults;
      if (!control) throw new AppError("not_found", `${process.name} takes no faults at run time`);
      control.add(added);
      return { faults: control.current() };
    },
    redeliver: async (eventId) => {
      const envelope = tapped().find(eventId);
      if (!envelope) throw new AppError("not_found", `the tap has not seen event ${eventId}`);
      await transport.dispatch(envelope, process.subscribersOf(envelope.type), { redelivery: newId() });
    },
  };
}
