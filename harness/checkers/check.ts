import type { Finding, FindingKind, Invariant, Reconciliation, SystemState } from "./model.ts";

/** Every breach of every invariant in `state`, each named after its invariant. An invariant that throws is a bug in it: it says so. */
export function findingsOf(invariants: readonly Invariant[], state: SystemState): Finding[] {
  return invariants.flatMap((invariant) => {
    try {
      return invariant.check(state).map((breach) => ({ ...breach, invariant: invariant.name }));
    } catch (error) {
      throw new Error(`the invariant "${invariant.name}" could not be checked: ${error instanceof Error ? error.message : error}`);
    }
  });
}

/** One finding's identity across checks: the same entity breaking the same rule is one finding, however its wording changes. */
export const findingKey = (finding: Finding): string => `${finding.invariant}\u0000${finding.module}\u0000${finding.entity}`;

/** The findings sorted into lost, doubled and stuck. */
export function reconciliationOf(findings: readonly Finding[]): Reconciliation {
  const of = (kind: FindingKind) => findings.filter((f) => f.kind === kind);
  return { lost: of("lost"), doubled: of("doubled"), stuck: of("stuck") };
}
