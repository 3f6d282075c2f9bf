import { findCycles } from "./cycles.ts";
import type { ImportEdge, ImportGraph } from "./graph.ts";
import { bind, matchAny } from "./patterns.ts";
import { type Allowance, type ImportRule, isTestFile, LAYER_RULES, type LayerRule } from "./rules.ts";

export interface Violation {
  readonly rule: string;
  readonly reason: string;
  readonly file: string;
  /** The project file or package imported (for a cycle, the next file on it). */
  readonly imports: string;
  /** For a cycle: its files, first and last the same. */
  readonly cycle?: readonly string[];
}

const allows = (allowance: Allowance | undefined, edge: ImportEdge, captures: Record<string, string>): boolean => {
  if (!allowance) return false;
  if (edge.external) return allowance.packages === "any" || (allowance.packages ?? []).includes(edge.to);
  return matchAny(bind(allowance.files ?? [], captures), edge.to) !== undefined;
};

function breaks(rule: ImportRule, edge: ImportEdge, captures: Record<string, string>): boolean {
  if (rule.never && !edge.external && matchAny(bind(rule.never, captures), edge.to)) return true;
  if (!rule.may) return false;
  return !allows(rule.may, edge, captures) && !(isTestFile(edge.from) && allows(rule.testsMayAlso, edge, captures));
}

/** Every import that breaks a rule (once, under the first rule it breaks), and every cycle, in rule order. */
export function checkLayers(graph: ImportGraph, rules: readonly LayerRule[] = LAYER_RULES): Violation[] {
  const reported = new Set<ImportEdge>();
  return rules.flatMap((rule): Violation[] => {
    const governed = (file: string) => matchAny(rule.files, file);
    if ("acyclic" in rule) {
      const adjacency = new Map<string, string[]>();
      for (const edge of graph.edges) {
        if (edge.external || !governed(edge.from) || !governed(edge.to)) continue;
        adjacency.set(edge.from, [...(adjacency.get(edge.from) ?? []), edge.to]);
      }
      return findCycles(adjacency).map((cycle) => ({
        rule: rule.name,
        reason: rule.reason,
        file: cycle[0] as string,
        imports: cycle[1] as string,
        cycle,
      }));
    }
    return graph.edges.flatMap((edge) => {
      const captures = governed(edge.from);
      if (!captures || reported.has(edge) || (rule.scope === "code" && isTestFile(edge.from)) || !breaks(rule, edge, captures)) return [];
      reported.add(edge);
      return [{ rule: rule.name, reason: rule.reason, file: edge.from, imports: edge.to }];
    });
  });
}

/** One line per violation, for a failing test or a terminal. */
export const describeViolation = (v: Violation): string =>
  v.cycle ? `${v.rule}: ${v.cycle.join(" → ")} (${v.reason})` : `${v.rule}: ${v.file} imports ${v.imports} (${v.reason})`;
