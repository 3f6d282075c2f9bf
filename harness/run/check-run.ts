import { type InvariantWatch, isBackDoor, publishedIn } from "../checkers/watch.ts";
import { type Nemesis, Skipped } from "../nemesis/process.ts";
import type { CheckRun, StepRecord, TraceRecord } from "../report/model.ts";
import type { Check, Suite } from "../suite.ts";
import { SystemClient } from "../system/client.ts";
import { recordingFetcher } from "./recording.ts";
import { delta, snapshot } from "./state.ts";

export interface CheckRunOptions {
  readonly profile: string;
  readonly url: string;
  readonly modules: readonly string[];
  readonly seed: number;
  /** A per-run tag for correlation ids, so traces of this check are found and no other's are. */
  readonly tag: string;
  readonly timeoutMs: number;
  /** The system's invariants over this profile's run, checked once the check is over and the system idle. */
  readonly watch?: InvariantWatch;
  /** What the check may do to the topology's processes; a one-process profile's skips every operation. */
  readonly nemesis?: Nemesis;
}

/**
 * Runs one check and records what it did: its HTTP steps, the system's trace of its conversations, and the
 * rows every module gained or lost, read once the system is idle before and after; then holds the state
 * after it to the system's invariants.
 */
export async function runCheck(suite: Suite, check: Check, options: CheckRunOptions): Promise<CheckRun> {
  const observer = new SystemClient(options.profile, options.url);
  const steps: StepRecord[] = [];
  const warnings: string[] = [];
  const prefix = `${options.tag}`;
  let usedBackDoor = false;
  const client = new SystemClient(
    options.profile,
    options.url,
    recordingFetcher(prefix, steps, (path) => {
      usedBackDoor ||= isBackDoor(path);
    }),
  );
  await observer.idle().catch(() => {});
  const before = await snapshot(observer, options.modules);
  const started = performance.now();
  let error: string | undefined;
  let skipped: string | undefined;
  try {
    await Promise.race([
      check.run(client, { seed: options.seed, warn: (message) => warnings.push(message), nemesis: options.nemesis, correlationPrefix: prefix }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`check did not finish within ${options.timeoutMs} ms`)), options.timeoutMs),
      ),
    ]);
  } catch (failure) {
    if (failure instanceof Skipped) skipped = failure.reason;
    else error = failure instanceof Error ? failure.message : String(failure);
  }
  const durationMs = performance.now() - started;
  // A check that failed (or timed out) with faults still added must not leave them to the next one.
  if (client.faultsAdded) await observer.faults("").catch((e: unknown) => warnings.push(`faults not removed after the check: ${e}`));
  await observer.idle().catch((e: unknown) => warnings.push(`system not idle after the check: ${e instanceof Error ? e.message : e}`));
  const after = await snapshot(observer, options.modules);
  const traced = await observer.http.get<{ trace: TraceRecord[] }>(`/__twofold/trace?prefix=${encodeURIComponent(prefix)}`);
  const trace = traced.status === 200 ? traced.body.trace : [];
  const invariants = options.watch?.afterCheck(after, publishedIn(trace), usedBackDoor);
  return {
    suite: suite.name,
    check: check.name,
    profile: options.profile,
    passed: error === undefined,
    error,
    ...(skipped ? { skipped } : {}),
    durationMs,
    steps,
    trace,
    state: delta(before, after),
    warnings,
    ...(invariants ? { invariants } : {}),
  };
}
