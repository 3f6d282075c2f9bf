import fc from "fast-check";
import type { SystemClient } from "../system/client.ts";
import { deadLettersSince } from "./dead-letters.ts";
import { formatRequest, type Names, visible } from "./format.ts";
import { knownFailureOf } from "./known-failures.ts";
import { prober } from "./probe.ts";
import { type FuzzRequest, requestArbitrary } from "./request.ts";
import type { Route } from "./routes.ts";
import type { FuzzTarget } from "./target.ts";
import type { Problem } from "./verdict.ts";

export interface FuzzOptions {
  readonly seed: number;
  readonly numRuns: number;
  /** Stop sending this long after the fuzzer started, setup included (the runs before are the same, seed for seed, however fast the system is). */
  readonly budgetMs?: number;
  /** Only these of the target's routes. */
  readonly routes?: readonly Route[];
  /** Shrink known failures too (the CLI does, to show each class at its smallest); the fixed-seed test shrinks only the rest. */
  readonly shrinkKnown?: boolean;
  /** At most this many classes are shrunk; the rest are listed with the first request that showed them. */
  readonly maxShrunk?: number;
  /** How long shrinking one class may take; past it, the smallest request found so far is the answer. */
  readonly shrinkMs?: number;
}

/** One kind of failure on one route, and the smallest request fast-check found that still fails that way. */
export interface Finding {
  readonly key: string;
  readonly route: string;
  readonly problem: Problem;
  /** The name of the knownFailures entry it falls under. */
  readonly known: string | undefined;
  count: number;
  /** fast-check's run index of its first occurrence: the path to replay it (-1: a dead letter, no one request's; `example` is its event). */
  readonly firstRun: number;
  readonly example: string;
  shrunk?: { readonly request: string; readonly problem: string; readonly shrinks: number; readonly path: string } | "not reproduced alone";
}

export interface FuzzReport {
  readonly seed: number;
  readonly numRuns: number;
  /** Runs checked before the time budget ran out (numRuns when it did not). */
  readonly surveyed: number;
  /** Every request sent, shrinking included. */
  readonly requests: number;
  readonly serverErrors: number;
  readonly findings: readonly Finding[];
  /** Some finding is not a known failure. */
  readonly failed: boolean;
  /** GET /ready answered 200 after the run. */
  readonly ready: boolean;
  /** Creating the fixtures, before the first fuzzed request. */
  readonly setupMs: number;
  readonly wallMs: number;
}

/** A class of failure: its kind, route, status and code, and which known failure it is (a known and an unknown one differ). */
const classOf = (route: string, problem: Problem, request?: FuzzRequest) =>
  `${problem.kind} ${route} ${problem.status ?? "-"} ${problem.code ?? "-"} ${knownFailureOf(route, problem, request)?.name ?? "unknown"}`;

/**
 * Fuzzes a running system through its public API: `numRuns` generated requests, one at a time, each checked
 * by `probe`. The survey runs them all and groups what failed by class; then each class is replayed from
 * its first occurrence (same seed, its path) and shrunk by fast-check to the smallest request failing the
 * same way.
 */
export async function fuzz(sys: SystemClient, target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const routes = options.routes ?? target.routes;
  const world = await target.prepareWorld(sys);
  const setupMs = performance.now() - started;
  // Fixture ids by name, so a printed request says <product> rather than a UUID that means nothing next run.
  const names: Names = new Map([
    ...Object.entries(world.fixtures).flatMap(([kind, id]) => (id === undefined ? [] : [[id, kind] as const])),
    [world.customerEmail, "customer-email"],
  ]);
  const requests = requestArbitrary(routes, target.hints(world), world.fixtures);
  const probe = prober(sys, world, routes);
  const buried = await deadLettersSince(sys);
  const findings = new Map<string, Finding>();
  const note = (route: string, problem: Problem, firstRun: number, example: () => string, request?: FuzzRequest) => {
    const key = classOf(route, problem, request);
    const found = findings.get(key);
    if (found) found.count++;
    else findings.set(key, { key, route, problem, known: knownFailureOf(route, problem, request)?.name, count: 1, firstRun, example: example() });
  };
  let sent = 0;
  let serverErrors = 0;
  const check = async (request: FuzzRequest) => {
    sent++;
    const problem = await probe(request);
    if (problem?.kind === "server_error") serverErrors++;
    return problem;
  };

  let run = 0;
  let surveyed = 0;
  const deadline = started + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  const survey = fc.asyncProperty(requests, async (request) => {
    const index = run++;
    if (performance.now() > deadline) return;
    surveyed++;
    const problem = await check(request);
    if (!problem) return;
    note(request.route, problem, index, () => formatRequest(request, names), request);
  });
  // The property throws only when the harness itself fails (a state read, an idle wait): nothing to shrink then.
  await fc.assert(survey, { seed: options.seed, numRuns: options.numRuns, endOnFailure: true });

  const toShrink = [...findings.values()].filter((f) => f.firstRun >= 0 && (options.shrinkKnown || !f.known)).slice(0, options.maxShrunk ?? 12);
  for (const finding of toShrink) {
    const sameClass = fc.asyncProperty(requests, async (request) => {
      const problem = await check(request);
      if (problem && classOf(request.route, problem, request) === finding.key) throw new Error(problem.message);
    });
    const details = await fc.check(sameClass, {
      seed: options.seed,
      numRuns: options.numRuns,
      path: String(finding.firstRun),
      skipAllAfterTimeLimit: options.shrinkMs ?? 10_000,
    });
    finding.shrunk =
      details.failed && details.counterexample
        ? {
            request: formatRequest(details.counterexample[0], names),
            problem: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
            shrinks: details.numShrinks,
            path: details.counterexamplePath ?? String(finding.firstRun),
          }
        : "not reproduced alone";
  }

  for (const d of await buried()) {
    note(
      `event ${d.envelope.type} → ${d.subscriber}`,
      { kind: "dead_letter", message: `given up after ${d.attempts} attempt(s): ${d.error}` },
      -1,
      () => visible(JSON.stringify(d.envelope.payload)),
    );
  }

  const ready = (await sys.http.get("/ready").catch(() => ({ status: 0 }))).status === 200;
  const all = [...findings.values()];
  return {
    seed: options.seed,
    numRuns: options.numRuns,
    surveyed,
    requests: sent,
    serverErrors,
    findings: all,
    failed: all.some((f) => !f.known),
    ready,
    setupMs,
    wallMs: performance.now() - started,
  };
}
