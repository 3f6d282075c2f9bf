import type { CrashJourney } from "../checkers/crash-sweep.ts";
import type { Invariant } from "../checkers/model.ts";
import type { FuzzTarget } from "../fuzz/target.ts";
import type { SystemFlags } from "../run/flags.ts";
import type { SoakDriver } from "../soak/soak.ts";
import type { Suite } from "../suite.ts";

/** What the harness runs against one system, in every profile; a system's folder here declares it. */
export interface SystemChecks {
  /** `bun run harness` runs and diffs these across profiles; `bun run test` runs them in every profile too. */
  readonly suites: readonly Suite[];
  /** Run by `bun run test` in every profile but not diffed by the harness (the fixed-seed fuzz run). */
  readonly testOnly?: readonly Suite[];
  /** What must hold of its state after every check, and is reconciled per profile (harness/checkers/). */
  readonly invariants?: readonly Invariant[];
  /** Its feature flags, for `bun run harness --flag` and `--flag-diff`; a system without them takes neither. */
  readonly flags?: SystemFlags;
  /** What `bun run harness --crash-sweep` runs once per crash point; a system without one is not swept. */
  readonly crashJourney?: CrashJourney;
  /** What `bun run harness --soak N` runs N of at once under the nemesis; a system without one takes no soak. */
  readonly soak?: SoakDriver;
  /** What `bun run harness --fuzz` fuzzes it with; a system without one is not fuzzed. */
  readonly fuzz?: FuzzTarget;
}
