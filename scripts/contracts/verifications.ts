import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { VERIFICATION_SUITE } from "../../harness/contracts/verify.ts";
import type { RunReport } from "../../harness/report/model.ts";

/** One consumer@version verified against one provider@version by the harness's "Contract verification" suite. */
export interface VerificationRecord {
  readonly consumer: string;
  readonly consumerVersion: string;
  readonly provider: string;
  readonly providerVersion: string;
  readonly success: boolean;
  readonly verifiedAt: string;
  /** The harness profiles (topologies) the interactions ran on. */
  readonly profiles: readonly string[];
  readonly checks: number;
  readonly failures: readonly { readonly check: string; readonly profile: string; readonly error?: string }[];
}

/** `orders → users: users.get — an existing user` (calls) or `notifications ← users: user.created — …` (events). */
const CHECK_NAME = /^(\S+) [→←] (\S+): /;

/**
 * The verifications a harness run proves, one per consumer → provider pair: verified only if every one of
 * the pair's interactions passed on every profile. Versions are the modules' versions the run was made at.
 */
export function verificationsFromReport(report: RunReport, versionOf: (module: string) => string | undefined): VerificationRecord[] {
  const pairs = new Map<string, { consumer: string; provider: string; runs: RunReport["checks"][number][] }>();
  for (const run of report.checks) {
    if (run.suite !== VERIFICATION_SUITE) continue;
    const match = CHECK_NAME.exec(run.check);
    if (!match) continue;
    const [, consumer = "", provider = ""] = match;
    const key = `${consumer} ${provider}`;
    const pair = pairs.get(key) ?? { consumer, provider, runs: [] };
    pair.runs.push(run);
    pairs.set(key, pair);
  }
  return [...pairs.values()].flatMap(({ consumer, provider, runs }) => {
    const consumerVersion = versionOf(consumer);
    const providerVersion = versionOf(provider);
    if (!consumerVersion || !providerVersion) return [];
    const failed = runs.filter((r) => !r.passed);
    return [
      {
        consumer,
        consumerVersion,
        provider,
        providerVersion,
        success: failed.length === 0,
        verifiedAt: report.startedAt,
        profiles: [...new Set(runs.map((r) => r.profile))],
        checks: runs.length,
        failures: failed.map((r) => ({ check: r.check, profile: r.profile, ...(r.error ? { error: r.error } : {}) })),
      },
    ];
  });
}

const samePair = (a: VerificationRecord, b: VerificationRecord) =>
  a.consumer === b.consumer && a.consumerVersion === b.consumerVersion && a.provider === b.provider && a.providerVersion === b.providerVersion;

export function readVerifications(path: string): VerificationRecord[] {
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, "utf8")) as { verifications: VerificationRecord[] }).verifications;
}

/** Adds records to contracts/broker/verifications.json; a newer verification of the same pair replaces the older. */
export function recordVerifications(path: string, records: readonly VerificationRecord[]): VerificationRecord[] {
  const kept = readVerifications(path).filter((old) => !records.some((r) => samePair(r, old)));
  const all = [...kept, ...records].sort((a, b) =>
    `${a.consumer}@${a.consumerVersion} ${a.provider}@${a.providerVersion}`.localeCompare(
      `${b.consumer}@${b.consumerVersion} ${b.provider}@${b.providerVersion}`,
    ),
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ verifications: all }, null, 2)}\n`);
  return all;
}

export const findVerification = (
  records: readonly VerificationRecord[],
  consumer: string,
  consumerVersion: string,
  provider: string,
  providerVersion: string,
) =>
  records.find(
    (r) => r.consumer === consumer && r.consumerVersion === consumerVersion && r.provider === provider && r.providerVersion === providerVersion,
  );
