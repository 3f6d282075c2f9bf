/** What files may import: project files by pattern (see patterns.ts) and packages by name, or any package. */
export interface Allowance {
  readonly files?: readonly string[];
  readonly packages?: readonly string[] | "any";
}

interface RuleBase {
  readonly name: string;
  /** Why the rule exists, in one line: printed with every violation. */
  readonly reason: string;
  /** The importing files it governs. */
  readonly files: readonly string[];
}

/** A whitelist (`may`, widened for test files by `testsMayAlso`) or a blacklist (`never`) of imports. */
export interface ImportRule extends RuleBase {
  /** `code`: only files that are not tests. */
  readonly scope?: "code";
  readonly may?: Allowance;
  readonly testsMayAlso?: Allowance;
  readonly never?: readonly string[];
}

/** No cycle among the files it governs. */
interface AcyclicRule extends RuleBase {
  readonly acyclic: true;
}

export type LayerRule = ImportRule | AcyclicRule;

/** Test code: a test file or a helper only tests import. */
export const isTestFile = (path: string): boolean => /\.test(-support)?\.ts$/.test(path);

/** Modules as the layers above see them: the registry of systems and each system's definition (modules/*.ts), and each module's definition. */
const MODULE_DEFINITIONS = ["modules/*.ts", "modules/*/module.ts"];

/** The systems' topology files: topology.json (the default system's) and topology.<system>.json. */
const TOPOLOGIES = "topology*.json";

/** The one runtime file modules may import: everything a module may use of the runtime, and nothing else. */
export const RUNTIME_FOR_MODULES = ["runtime/module-api/index.ts"];

/** What module tests set up besides the harness: the development operator key, a config, a clock of their own, the trace they read. */
export const RUNTIME_TEST_PLUMBING = ["runtime/config.ts", "runtime/clock.ts", "runtime/observation/trace-entry.ts"];

/**
 * The layers, bottom up: contracts ← runtime ← modules ← harness ← scripts (the contract tooling among
 * them). Each rule is checked over the import graph TypeScript resolves (graph.ts) by check.ts; an import
 * that breaks several is reported under the first, so the more specific rules come first.
 */
export const LAYER_RULES: readonly LayerRule[] = [
  {
    name: "contracts-are-the-bottom",
    reason: "contracts are what every side shares: valibot schemas that depend on nothing of the project",
    files: ["contracts/**"],
    may: { files: ["contracts/**"], packages: ["valibot"] },
    testsMayAlso: { packages: ["vitest"] },
  },
  {
    name: "runtime-knows-no-system",
    reason: "the runtime hosts any system: it knows the contracts, never the modules, the harness or the scripts above it",
    files: ["runtime/**"],
    may: { files: ["runtime/**", "contracts/**"], packages: "any" },
    testsMayAlso: { files: ["harness/**", TOPOLOGIES] },
  },
  {
    name: "persistence-below-host",
    reason: "the host assembles persistence into processes; persistence that reached up would load the whole host",
    files: ["runtime/persistence/**"],
    scope: "code",
    never: ["runtime/host/**"],
  },
  {
    name: "test-helpers-named-as-tests",
    reason: "a module file that pulls in the harness is test code: name it *.test-support.ts, or it ships as module code",
    files: ["modules/**"],
    scope: "code",
    never: ["harness/**"],
  },
  {
    name: "module-boundary",
    reason: "modules meet only through contracts and the runtime, so any of them can run as a service of its own",
    files: ["modules/<m>/**"],
    may: { files: ["modules/<m>/**", "contracts/**", ...RUNTIME_FOR_MODULES], packages: "any" },
    testsMayAlso: { files: ["harness/**", ...RUNTIME_TEST_PLUMBING] },
  },
  {
    name: "module-registry",
    reason: "the registry of systems, their definitions and the cross-module tests beside them see modules only through their definitions",
    files: ["modules/*.ts"],
    may: { files: [...MODULE_DEFINITIONS, "contracts/**", "runtime/system.ts", TOPOLOGIES], packages: "any" },
    testsMayAlso: { files: ["harness/**"] },
  },
  {
    name: "harness-runs-systems-from-outside",
    reason: "the harness knows modules only by their definitions, and the scripts above it not at all",
    files: ["harness/**"],
    may: { files: ["harness/**", "runtime/**", "contracts/**", ...MODULE_DEFINITIONS, TOPOLOGIES], packages: "any" },
  },
  {
    name: "contract-tools-on-top",
    reason: "the contract tooling reads systems and harness reports, so it sits above both, with the scripts",
    files: ["scripts/contracts/**"],
    may: { files: ["scripts/contracts/**", "harness/**", "runtime/**", "contracts/**", ...MODULE_DEFINITIONS], packages: "any" },
  },
  {
    name: "no-cycles",
    reason: "files in a cycle are one unit: no layer order among them, none loads without the others",
    files: ["**"],
    acyclic: true,
  },
];
