import type { Deployments } from "./deployments.ts";
import type { ModuleDescription, UseDescription } from "./description.ts";
import { formatIncompatibility, type Incompatibility, type Party, partyLabel } from "./findings.ts";
import { checkUse } from "./pair-check.ts";
import { findVerification, type VerificationRecord } from "./verifications.ts";

/** What can-i-deploy reads: the broker's snapshots and recorded verifications. */
export interface BrokerView {
  readonly snapshot: (module: string, version: string) => ModuleDescription | undefined;
  readonly verifications: readonly VerificationRecord[];
}

/** One consumer → provider pair the deployment would create or keep. */
interface PairVerdict {
  readonly consumer: Party;
  readonly provider: Party;
  readonly uses: readonly string[];
  readonly ok: boolean;
  readonly problems: readonly Incompatibility[];
  readonly verification?: VerificationRecord;
  readonly notes: readonly string[];
}

export interface DeployAnswer {
  readonly ok: boolean;
  readonly module: Party;
  readonly environment: string;
  readonly pairs: readonly PairVerdict[];
  /** Every reason the answer is no, each naming module, version and field where there is one. */
  readonly reasons: readonly string[];
}

const partyOf = (module: ModuleDescription): Party => ({ name: module.name, version: module.version });

function verdict(consumer: ModuleDescription, provider: ModuleDescription, uses: readonly UseDescription[], broker: BrokerView): PairVerdict {
  const results = uses.map((use) => checkUse(provider, partyOf(consumer), use, { policy: "sends-current" }));
  const problems = results.flatMap((r) => r.problems);
  const verification = findVerification(broker.verifications, consumer.name, consumer.version, provider.name, provider.version);
  return {
    consumer: partyOf(consumer),
    provider: partyOf(provider),
    uses: uses.map((u) => u.name),
    ok: problems.length === 0 && (verification?.success ?? true),
    problems,
    verification,
    notes: results.flatMap((r) => r.notes),
  };
}

function verificationReason(pair: PairVerdict): string[] {
  const v = pair.verification;
  if (!v || v.success) return [];
  const first = v.failures[0];
  const detail = first ? `: ${first.check} (${first.profile})${first.error ? ` — ${first.error}` : ""}` : "";
  return [`the verification of ${partyLabel(pair.consumer)} against ${partyLabel(pair.provider)} failed on ${v.verifiedAt}${detail}`];
}

/**
 * May `module@version` be deployed to `environment`? Yes only if every provider it relies on, at the version
 * deployed there, serves its consumer contract, and every consumer deployed there that relies on it is served
 * by what this version provides: statically compatible (the rules of compareDescriptions, with the message
 * version a provider really sends) and, where the harness recorded a verification of the pair, verified.
 */
export function canIDeploy(module: string, version: string, environment: string, broker: BrokerView, deployments: Deployments): DeployAnswer {
  const base = { module: { name: module, version }, environment };
  const deployed = deployments.environments[environment];
  if (!deployed) {
    const known = Object.keys(deployments.environments).join(", ") || "none";
    return { ...base, ok: false, pairs: [], reasons: [`no environment ${environment} in the deployments (known: ${known})`] };
  }
  const target = broker.snapshot(module, version);
  if (!target)
    return {
      ...base,
      ok: false,
      pairs: [],
      reasons: [`the broker has no snapshot of ${module}@${version}: publish it from that version (bun scripts/contracts.ts publish)`],
    };

  const reasons: string[] = [];
  const pairs: PairVerdict[] = [];
  for (const provider of new Set(target.consumes.map((u) => u.provider))) {
    const uses = target.consumes.filter((u) => u.provider === provider);
    const providerVersion = provider === module ? version : deployed[provider];
    if (!providerVersion) {
      reasons.push(`${module}@${version} relies on ${provider} (${uses.map((u) => u.name).join(", ")}), which is not deployed in ${environment}`);
      continue;
    }
    const snapshot = provider === module ? target : broker.snapshot(provider, providerVersion);
    if (snapshot) pairs.push(verdict(target, snapshot, uses, broker));
    else
      reasons.push(`the broker has no snapshot of ${provider}@${providerVersion} (deployed in ${environment}), which ${module}@${version} relies on`);
  }
  for (const [consumer, consumerVersion] of Object.entries(deployed)) {
    if (consumer === module) continue;
    const snapshot = broker.snapshot(consumer, consumerVersion);
    if (!snapshot) {
      reasons.push(`the broker has no snapshot of ${consumer}@${consumerVersion} (deployed in ${environment}): what it relies on is unknown`);
      continue;
    }
    const uses = snapshot.consumes.filter((u) => u.provider === module);
    if (uses.length > 0) pairs.push(verdict(snapshot, target, uses, broker));
  }
  for (const pair of pairs) reasons.push(...pair.problems.map(formatIncompatibility), ...verificationReason(pair));
  return { ...base, ok: reasons.length === 0, pairs, reasons };
}
