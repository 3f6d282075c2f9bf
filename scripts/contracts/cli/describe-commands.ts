import { writeFileSync } from "node:fs";
import { UsageError } from "../../../runtime/cli/command-line.ts";
import { command } from "../../../runtime/cli/commands.ts";
import { renderConsumerContract, renderModule } from "../render.ts";
import { workingTree } from "./working-tree.ts";

export const list = command(
  "list",
  {
    usage: "bun run contracts list",
    summary: "every consumer contract: consumer → provider, call or event, fields read, interactions",
    options: {},
    examples: ["bun run contracts list"],
  },
  async () => {
    const description = await workingTree();
    console.log(description.modules.map(renderConsumerContract).join("\n\n"));
    return 0;
  },
);

export const print = command(
  "print",
  {
    usage: "bun run contracts print",
    positionals: "<module>",
    summary: "one module: the calls it owns, the events it publishes, its consumer contract",
    options: {},
    examples: ["bun run contracts print orders"],
  },
  async ({ positionals }) => {
    const [name] = positionals;
    const description = await workingTree();
    const module = description.modules.find((m) => m.name === name);
    if (!module) throw new UsageError(`no module ${name ?? "(none given)"}; modules: ${description.modules.map((m) => m.name).join(", ")}`);
    console.log(renderModule(module));
    return 0;
  },
);

export const exportCommand = command(
  "export",
  {
    usage: "bun run contracts export",
    summary: "the JSON description of every module's contracts (stdout without --out)",
    options: { out: { type: "string", value: "FILE", help: "write it to FILE" } },
    examples: ["bun run contracts export --out shop.json"],
  },
  async ({ values }) => {
    const json = `${JSON.stringify(await workingTree(), null, 2)}\n`;
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(json);
    return 0;
  },
);
