import { readFileSync, writeFileSync } from "node:fs";
import { Verifier } from "@pact-foundation/pact";
import { INTERNAL_TOKEN_HEADER } from "../../../runtime/secrets.ts";
import type { PactV4 } from "../pact-v4.ts";
import { ObservationAdapters } from "./adapters.ts";
import type { InteractionResult, OfficialPlan, OfficialResults, ProviderPlan } from "./plan.ts";

/** The parts of the Pact FFI's JSON verification report (pactffi_verifier_json) read here. */
interface FfiReport {
  interactionResults?: {
    consumer?: string;
    description?: string;
    result?: string;
    providerStates?: string[];
    mismatch?: { message?: string; mismatches?: { path?: string; mismatch?: string; description?: string }[] };
  }[];
}

const mismatchesOf = (mismatch: NonNullable<FfiReport["interactionResults"]>[number]["mismatch"]): string[] =>
  mismatch?.mismatches?.map((m) => [m.path, m.mismatch ?? m.description].filter(Boolean).join(" -> ")) ??
  (mismatch?.message ? [mismatch.message] : []);

/**
 * pact-js answers the FFI's report as its result, and rejects with it as the message when verification
 * failed; anything else is an error that stopped the verification itself.
 */
function readReport(provider: string, answer: unknown): { interactions: InteractionResult[] } | { error: string } {
  const text = answer instanceof Error ? answer.message : String(answer);
  let report: FfiReport;
  try {
    report = JSON.parse(text) as FfiReport;
  } catch {
    return { error: `${provider}: the verifier did not run: ${text}` };
  }
  const interactions = (report.interactionResults ?? []).map((i) => ({
    provider,
    consumer: i.consumer ?? "",
    description: i.description ?? "",
    verified: i.result === "OK",
    mismatches: mismatchesOf(i.mismatch),
    states: i.providerStates ?? [],
  }));
  return { interactions };
}

/** One provider: its HTTP interactions sent to its service with the internal token, its messages from its real events. */
async function verify(plan: OfficialPlan, provider: ProviderPlan, adapters: ObservationAdapters) {
  const pacts = provider.pactFiles.map((file) => JSON.parse(readFileSync(file, "utf8")) as PactV4);
  const verifier = new Verifier({
    provider: provider.name,
    providerBaseUrl: provider.baseUrl,
    pactUrls: [...provider.pactFiles],
    customProviderHeaders: [`${INTERNAL_TOKEN_HEADER}: ${plan.internalToken}`],
    stateHandlers: adapters.stateHandlers(provider.name, pacts),
    messageProviders: adapters.messageProviders(pacts),
    logLevel: "warn",
  });
  const report = readReport(provider.name, await verifier.verifyProvider().catch((error: unknown) => error));
  const failedStates = adapters.takeFailedStates();
  if ("error" in report || failedStates.size === 0) return report;
  return {
    interactions: report.interactions.map((i) => {
      const why = i.states.flatMap((s) => (failedStates.has(s) ? [`provider state "${s}" could not be entered: ${failedStates.get(s)}`] : []));
      return why.length ? { ...i, verified: false, mismatches: [...i.mismatches, ...why] } : i;
    }),
  };
}

/**
 * The official Pact verifier (pact-js over the Pact FFI, run by Node) against a running split topology, one
 * provider after another (each run has its own proxy for state changes and messages). Bundled for Node and
 * spawned by run.ts: `node verifier.js <plan.json> <results.json>`; exits 0 when every interaction verified.
 */
async function main(planFile: string, resultsFile: string): Promise<number> {
  const plan = JSON.parse(readFileSync(planFile, "utf8")) as OfficialPlan;
  const adapters = new ObservationAdapters(plan.observation);
  const results: { interactions: InteractionResult[]; errors: string[] } = { interactions: [], errors: [] };
  for (const provider of plan.providers) {
    const outcome = await verify(plan, provider, adapters);
    if ("error" in outcome) results.errors.push(outcome.error);
    else results.interactions.push(...outcome.interactions);
  }
  writeFileSync(resultsFile, JSON.stringify(results satisfies OfficialResults));
  const failed = results.interactions.filter((i) => !i.verified);
  for (const i of failed) console.log(`NOT VERIFIED ${i.consumer} → ${i.provider}: ${i.description}\n  ${i.mismatches.join("\n  ")}`);
  for (const error of results.errors) console.log(`ERROR ${error}`);
  console.log(`official Pact verification: ${results.interactions.length - failed.length} of ${results.interactions.length} interactions verified`);
  return failed.length || results.errors.length ? 1 : 0;
}

const [planFile, resultsFile] = process.argv.slice(2);
if (!planFile || !resultsFile) {
  console.error("usage: node verifier.js <plan.json> <results.json>");
  process.exit(2);
}
// Exit codes as every twofold command's: 1 is a finding (an interaction not verified), 70 a broken run.
process.exit(
  await main(planFile, resultsFile).catch((error: unknown) => {
    console.error(`official verifier: ${error instanceof Error ? error.message : error}`);
    return 70;
  }),
);
