import { command } from "../../runtime/cli/commands.ts";
import { UsageError } from "../../runtime/cli/command-line.ts";

export const syntheticCommand = command(
  "synthetic",
  {
    usage: "twofold synthetic",
    summary: "runs the checkout journey against a deployment as a synthetic customer",
    options: { base: { type: "string", value: "URL", help: "the deployment's public URL" } },
  },
  async () => {
    throw new UsageError("todo");
  },
);
