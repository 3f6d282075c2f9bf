import { UnknownVariableError } from "./errors.ts";

/** How a placeholder was written: `{{name}}` reads flow variables, `${NAME}` also the process environment. */
export type Syntax = "braces" | "dollar";

/** The variables a flow run has so far: built-ins, `env`, and every earlier step's `output`. */
export class Variables {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly environment: Readonly<Record<string, string | undefined>> = process.env) {}

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  get(name: string, syntax: Syntax = "braces"): unknown {
    if (this.values.has(name)) return this.values.get(name);
    const fromProcess = syntax === "dollar" ? this.environment[name] : undefined;
    if (fromProcess !== undefined) return fromProcess;
    throw new UnknownVariableError(syntax === "braces" ? `{{${name}}}` : `\${${name}}`, [...this.values.keys()]);
  }
}
