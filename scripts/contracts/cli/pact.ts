import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { command } from "../../../runtime/cli/commands.ts";
import { pactFiles } from "../pact.ts";
import { DEFAULT_PACTS } from "./paths.ts";
import { workingTree } from "./working-tree.ts";

export const pact = command(
  "pact",
  {
    usage: "bun run contracts pact",
    summary: "every consumer contract as Pact V4 files, one per consumer–provider pair",
    options: { out: { type: "string", value: "DIR", default: DEFAULT_PACTS, help: "where the pact files go" } },
    examples: ["bun run contracts pact", "bun run contracts pact --out /tmp/pacts"],
  },
  async ({ values }) => {
    mkdirSync(values.out, { recursive: true });
    for (const { file, pact: content } of pactFiles(await workingTree())) {
      writeFileSync(join(values.out, file), `${JSON.stringify(content, null, 2)}\n`);
      console.log(`${join(values.out, file)}  (${content.interactions.length} interactions)`);
    }
    return 0;
  },
);
