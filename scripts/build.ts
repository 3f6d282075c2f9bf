import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../runtime/cli/command-line.ts";
import { commandLine, runMain } from "../runtime/cli/main.ts";

// import.meta.dir is Bun-only and undefined under vitest, which imports this file too.
const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface BuiltBinary {
  readonly outfile: string;
  readonly bytes: number;
  readonly ms: number;
}

/**
 * Compiles scripts/twofold.ts and everything it imports, PGlite's wasm and data included (imported
 * `with { type: "file" }` by runtime/persistence/pglite-assets.ts), into one executable.
 */
export async function buildBinary(outfile = join(ROOT, "dist", "twofold")): Promise<BuiltBinary> {
  const started = performance.now();
  const result = await Bun.build({
    entrypoints: [join(ROOT, "scripts", "twofold.ts")],
    compile: { outfile },
    // Bytecode starts each process ~0.2 s sooner (five of them in split); it needs ESM for import.meta.
    bytecode: true,
    format: "esm",
    // Identifiers stay: MikroORM and error messages rely on class and function names.
    minify: { whitespace: true, syntax: true },
    // Embedded in the binary, so stack traces name source files; the copy Bun also writes beside it is dropped.
    sourcemap: "linked",
    throw: false,
  });
  if (!result.success) throw new Error(`bun build --compile failed:\n${result.logs.join("\n")}`);
  for (const output of result.outputs) if (output.kind === "sourcemap") rmSync(output.path, { force: true });
  return { outfile, bytes: statSync(outfile).size, ms: performance.now() - started };
}

const spec = {
  usage: "bun run build",
  positionals: "[OUTFILE]",
  summary: "Compiles the one entry point (scripts/twofold.ts) into one executable, dist/twofold unless OUTFILE names another.",
  options: {},
  examples: ["bun run build", "bun run build /tmp/twofold"],
} as const;

if (import.meta.main) {
  await runMain("bun run build", async () => {
    const { positionals } = commandLine(spec, process.argv.slice(2));
    if (positionals.length > 1) throw new UsageError(`one OUTFILE at most, not ${positionals.length}`);
    const built = await buildBinary(positionals[0]);
    console.log(`built ${built.outfile}: ${(built.bytes / 1024 / 1024).toFixed(1)} MiB in ${built.ms.toFixed(0)} ms`);
    return 0;
  });
}
