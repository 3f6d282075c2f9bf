import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CommandSpec } from "../../runtime/cli/command-line.ts";
import { commandLine } from "../../runtime/cli/main.ts";
import { generateManifests } from "./generate.ts";

const manifestsSpec = {
  usage: "bun run manifests",
  summary:
    "Writes docker compose and Kubernetes manifests of the split topology, generated from topology.json; exit 1 when the validator refuses what it rendered.",
  options: {
    out: { type: "string", value: "DIR", default: "deploy", help: "where the files go" },
    image: { type: "string", value: "NAME", default: "twofold:latest", help: "the image every process runs" },
  },
  examples: ["bun run manifests", "TWOFOLD_OPERATOR_KEY=... bun run manifests --out /tmp/deploy --image registry.example/twofold:1.2.3"],
} as const satisfies CommandSpec;

/** `bun run manifests`: answers the exit code (0 written, 1 the validator refused; a usage error is thrown). */
export async function runManifestsCli(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  const { values } = commandLine(manifestsSpec, argv);
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
