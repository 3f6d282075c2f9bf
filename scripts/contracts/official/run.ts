import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "../cli/paths.ts";
import type { PactV4 } from "../pact-v4.ts";
import type { OfficialPlan, OfficialResults, PlannedInteraction } from "./plan.ts";

const PROGRAM = fileURLToPath(new URL("verifier.ts", import.meta.url));
/**
 * Inside the checkout, so Node resolves @pact-foundation/pact — left out of the bundle: its FFI is a native
 * addon it loads from its own package — from the checkout's node_modules.
 */
const BUILD_DIR = join(ROOT, ".twofold", "official-verifier");

const readPact = (file: string) => JSON.parse(readFileSync(file, "utf8")) as PactV4;

/**
 * The plan for the pacts in `dir` between modules the topology runs (`urlOf` answers where the process a
 * module runs in answers, nothing for a module it does not run): each provider with its service and its
 * pact files. A pact of another system's consumer is left out — its consumer is not deployed here.
 */
export function officialPlan(dir: string, urlOf: (module: string) => string | undefined, observation: string, internalToken: string): OfficialPlan {
  const byProvider = new Map<string, string[]>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const pact = readPact(join(dir, file));
    if (!urlOf(pact.consumer.name) || !urlOf(pact.provider.name)) continue;
    byProvider.set(pact.provider.name, [...(byProvider.get(pact.provider.name) ?? []), join(dir, file)]);
  }
  const providers = [...byProvider].map(([name, pactFiles]) => ({ name, baseUrl: urlOf(name) ?? "", pactFiles }));
  return { observation, internalToken, providers };
}

/** Every interaction of the plan's pact files: HTTP (calls) or message (events). */
export const plannedInteractions = (plan: OfficialPlan): PlannedInteraction[] =>
  plan.providers.flatMap((provider) =>
    provider.pactFiles.flatMap((file) => {
      const pact = readPact(file);
      return pact.interactions.map((i) => ({
        provider: provider.name,
        consumer: pact.consumer.name,
        description: i.description,
        kind: i.type === "Synchronous/HTTP" ? ("http" as const) : ("message" as const),
      }));
    }),
  );

export interface OfficialRun {
  /** The program's exit code: 0 every interaction verified, 1 some not, 70 the run broke. */
  readonly code: number;
  /** The verifier's report as it printed it (stdout and stderr), without its terminal colours. */
  readonly output: string;
  /** What it verified, interaction by interaction; absent when the run broke before writing it. */
  readonly results?: OfficialResults;
}

/**
 * Runs the official verifier under Node: the program is TypeScript bundled for Node here (Bun.build, target
 * node) so it shares the project's types and constants and is type-checked and linted with the rest; Node
 * runs it because pact-js's FFI is a Node addon. `echo` also writes the report to this process's stdout.
 */
export async function runOfficialVerifier(plan: OfficialPlan, options: { echo?: boolean } = {}): Promise<OfficialRun> {
  const run = join(BUILD_DIR, crypto.randomUUID());
  mkdirSync(run, { recursive: true });
  try {
    const built = await Bun.build({ entrypoints: [PROGRAM], outdir: run, target: "node", format: "esm", external: ["@pact-foundation/pact"] });
    if (!built.success) throw new Error(`bundling the official verifier failed: ${built.logs.join("\n")}`);
    const planFile = join(run, "plan.json");
    const resultsFile = join(run, "results.json");
    writeFileSync(planFile, JSON.stringify(plan));
    // Pact's usage statistics are sent from every verification unless told not to: a test run reports nothing.
    const env = { ...process.env, PACT_DO_NOT_TRACK: "true" };
    const child = Bun.spawn(["node", join(run, "verifier.js"), planFile, resultsFile], { stdout: "pipe", stderr: "pipe", env });
    let output = "";
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) {
        const text = stripVTControlCharacters(decoder.decode(chunk, { stream: true }));
        output += text;
        if (options.echo) process.stdout.write(text);
      }
    };
    await Promise.all([collect(child.stdout), collect(child.stderr)]);
    const code = await child.exited;
    const results = await Bun.file(resultsFile)
      .json()
      .catch(() => undefined);
    return { code, output, results: results as OfficialResults | undefined };
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}
