import assert from "node:assert/strict";
import type { ModuleDefinition, SagaDeclaration, SagaStepDeclaration } from "../../runtime/module.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import { eventually } from "../eventually.ts";
import { type Check, check, defineSuite, type Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

type SagaState = "pending" | "completed" | "compensated";

/** One run of a saga, started by the system's own journey: how to find its work and where it stands. */
interface SagaRun {
  /** The conversation the saga continues: its calls are traced under it. */
  readonly correlationId: string;
  /** Reads once whether it is still running, completed, or compensated (and cancelled). */
  state(): Promise<SagaState>;
}

/** Waits until the run has finished, moving the frozen clock on by `advanceMs` before each look when given. */
async function settled(sys: SystemClient, run: SagaRun, advanceMs?: number): Promise<SagaState> {
  return eventually(
    async () => {
      if (advanceMs) await sys.clock({ advance_ms: advanceMs });
      const state = await run.state();
      assert.notEqual(state, "pending", "the saga is still running");
      return state;
    },
    { timeoutMs: 30_000, intervalMs: advanceMs ? 10 : 25 },
  );
}

/** How a system starts one run of a saga through its public API (the shop: a customer's checkout). */
export type SagaJourney = (sys: SystemClient) => Promise<SagaRun>;

/** How a step is failed: its callee refuses it, or never answers it. */
const failures = ["refusal", "no answer"] as const;
type Failure = (typeof failures)[number];

/** The faults that fail `step` that way: only its own call, so the undo calls still go through. */
const faultOf = (step: SagaStepDeclaration, failure: Failure): string =>
  failure === "refusal" ? `error:${step.call.name}=${step.refusal}` : `blackhole:${step.call.name}`;

/**
 * What must be undone when step `k` fails: the undos of the steps before it, latest first. A step given up on
 * without an answer may also undo itself first (it may have happened unseen; an undo by the saga's own key
 * does nothing if it did not) — allowed once, never required.
 */
function expectedUndos(steps: readonly SagaStepDeclaration[], k: number, failure: Failure, observed: readonly string[]): string[] {
  const before = steps
    .slice(0, k)
    .flatMap((s) => (s.undo ? [s.undo.name] : []))
    .reverse();
  const own = steps[k]?.undo?.name;
  return failure === "no answer" && own && observed[0] === own ? [own, ...before] : before;
}

/** The calls of the run's conversation that undo a step, in the order they were made, answered or not. */
async function undosOf(sys: SystemClient, saga: SagaDeclaration, correlationId: string): Promise<TraceEntry[]> {
  const undoNames = new Set(saga.steps.flatMap((s) => (s.undo ? [s.undo.name] : [])));
  const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(correlationId)}`);
  return body.trace.filter((e) => e.kind === "call" && e.correlationId === correlationId && undoNames.has(e.name)).sort((a, b) => a.at - b.at);
}

/**
 * Fails one step one way and checks the saga's answer: a refused step, or one past the pivot that is not
 * answered, must leave the steps before it undone exactly once, latest first, and the saga compensated; a
 * retriable step without an answer must be retried until it completes once the callee answers again, with
 * nothing undone. "No answer" runs on a frozen clock, advanced until the saga has decided, so it takes
 * milliseconds instead of the saga's deadline.
 */
function stepCheck(saga: SagaDeclaration, k: number, failure: Failure, journey: SagaJourney): Check {
  const step = saga.steps[k] as SagaStepDeclaration;
  const retried = failure === "no answer" && step.retriable;
  const name = `${saga.name}: ${step.name} ${failure === "refusal" ? `refused (${step.refusal})` : "never answered"} → ${retried ? "retried until it completes, nothing undone" : "the steps before it undone once, latest first"}`;
  return check(name, async (sys) => {
    const fault = faultOf(step, failure);
    let outcome: SagaState = "pending";
    let correlationId = "";
    if (failure === "refusal") {
      ({ outcome, correlationId } = await sys.withFaults(fault, async () => {
        const run = await journey(sys);
        return { outcome: await settled(sys, run), correlationId: run.correlationId };
      }));
    } else {
      await sys.withFrozenClock(async () => {
        const run = await sys.withFaults(fault, async () => {
          const started = await journey(sys);
          if (!retried) {
            // Time moves on until the saga gives up on the step; its undo calls are not blackholed.
            outcome = await settled(sys, started, 1000);
          } else {
            // The saga reaches the step and keeps calling it, whatever the time.
            await sys.advanceUntil(async () => {
              const { body } = await sys.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${encodeURIComponent(started.correlationId)}`);
              assert.ok(body.trace.filter((e) => e.kind === "call" && e.name === step.call.name).length >= 2, `${step.call.name} not retried yet`);
            });
          }
          return started;
        });
        if (retried) outcome = await settled(sys, run, 1000);
        correlationId = run.correlationId;
      });
    }
    await sys.idle();
    assert.equal(outcome, retried ? "completed" : "compensated");
    const undos = await undosOf(sys, saga, correlationId);
    const names = undos.map((u) => u.name);
    assert.deepEqual(names, retried ? [] : expectedUndos(saga.steps, k, failure, names), `undo calls: ${names.join(", ") || "none"}`);
    assert.ok(
      undos.every((u) => u.outcome === "ok"),
      `an undo failed: ${undos.map((u) => `${u.name} ${u.outcome}`).join(", ")}`,
    );
  });
}

/**
 * The saga compensation checker: for every saga the system's modules declare, every step failed every way,
 * generated from the declarations (never written case by case). `journeys` starts a run of each saga by name.
 */
export function sagaCompensationSuite(modules: readonly ModuleDefinition[], journeys: Readonly<Record<string, SagaJourney>>): Suite {
  const checks = modules.flatMap((m) =>
    (m.sagas ?? []).flatMap((saga) => {
      const journey = journeys[saga.name];
      if (!journey) throw new Error(`${m.name} declares the saga ${saga.name}, but the system has no journey that starts it`);
      return saga.steps.flatMap((_, k) => failures.map((failure) => stepCheck(saga, k, failure, journey)));
    }),
  );
  return defineSuite("Saga compensation", checks);
}
