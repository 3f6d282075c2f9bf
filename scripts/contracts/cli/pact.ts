import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pactFiles } from "../pact.ts";
import type { Command } from "./command.ts";
import { DEFAULT_PACTS } from "./paths.ts";
import { workingTree } from "./working-tree.ts";

export const pact: Command = {
  name: "pact",
  usage: "pact [--out DIR]",
  summary: "every consumer contract as Pact V4 files, one per consumer–provider pair (default contracts/pacts/)",
  async run(args) {
    const { values } = parseArgs({ args: [...args], options: { out: { type: "string", default: DEFAULT_PACTS } } });
    mkdirSync(values.out, { recursive: true });
    for (const { file, pact: content } of pactFiles(await workingTree())) {
      writeFileSync(join(values.out, file), `${JSON.stringify(content, null, 2)}\n`);
      console.log(`${join(values.out, file)}  (${content.interactions.length} interactions)`);
    }
    return 0;
  },
};
