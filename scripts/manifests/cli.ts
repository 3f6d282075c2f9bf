import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { generateManifests } from "./generate.ts";

const USAGE = "usage: bun run manifests [--out DIR] [--image NAME]";

/** `bun run manifests`: answers the exit code (0 written, 1 the validator refused, 2 a usage error). */
export async function runManifestsCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let values: { out: string; image: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { out: { type: "string", default: "deploy" }, image: { type: "string", default: "twofold:latest" } },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const generated = await generateManifests(env, values);
  for (const warning of generated.warnings) console.error(`warning: ${warning}`);
  if (generated.problems.length > 0) {
    console.error(`manifests: not written, the validator found:\n${generated.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  for (const [file, text] of generated.files) {
    const path = join(values.out, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(path);
  }
  return 0;
}
