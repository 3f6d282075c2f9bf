import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { renderConsumerContract, renderModule } from "../render.ts";
import { type Command, UsageError } from "./command.ts";
import { workingTree } from "./working-tree.ts";

export const list: Command = {
  name: "list",
  usage: "list",
  summary: "every consumer contract: consumer → provider, call or event, fields read, interactions",
  async run() {
    const description = await workingTree();
    console.log(description.modules.map(renderConsumerContract).join("\n\n"));
    return 0;
  },
};

export const print: Command = {
  name: "print",
  usage: "print <module>",
  summary: "one module: the calls it owns, the events it publishes, its consumer contract",
  async run(args) {
    const [name] = parseArgs({ args: [...args], allowPositionals: true }).positionals;
    const description = await workingTree();
    const module = description.modules.find((m) => m.name === name);
    if (!module) throw new UsageError(`no module ${name ?? "(none given)"}; modules: ${description.modules.map((m) => m.name).join(", ")}`);
    console.log(renderModule(module));
    return 0;
  },
};

export const exportCommand: Command = {
  name: "export",
  usage: "export [--out FILE]",
  summary: "the JSON description of every module's contracts (stdout without --out)",
  async run(args) {
    const { values } = parseArgs({ args: [...args], options: { out: { type: "string" } } });
    const json = `${JSON.stringify(await workingTree(), null, 2)}\n`;
    if (values.out) writeFileSync(values.out, json);
    else process.stdout.write(json);
    return 0;
  },
};
