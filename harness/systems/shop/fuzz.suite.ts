import assert from "node:assert/strict";
import { fuzz } from "../../fuzz/fuzz.ts";
import { describeReport } from "../../fuzz/report.ts";
import { check, defineSuite } from "../../suite.ts";
import { shopFuzz } from "./fuzz/target.ts";

/** Fixed, so `bun run test` sends the same requests every time; `bun run harness --fuzz N` explores other seeds. */
const FUZZ_SEED = 20_261_201;
const FUZZ_RUNS = 300;

/** Property-based fuzzing of the public API (harness/fuzz/): no 5xx, errors in the envelope, rejected writes change nothing. */
export const fuzzSuite = defineSuite("Fuzz", [
  check(`${FUZZ_RUNS} fuzzed requests hold the API's properties`, async (sys, context) => {
    // Bounded in time as well, so that a loaded machine sends fewer of the same requests rather than time out;
    // only the first unknown failure is shrunk, the others are shown as first met.
    const report = await fuzz(sys, shopFuzz, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, budgetMs: 15_000, maxShrunk: 1, shrinkMs: 6000 });
    const described = describeReport(report, sys.topology);
    if (!report.failed && (report.findings.length || report.surveyed < report.numRuns)) context.warn(described);
    assert.ok(!report.failed && report.ready, described);
  }),
]);
