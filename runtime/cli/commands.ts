import { type CommandSpec, type OptionSpecs, type Parsed, UsageError } from "./command-line.ts";
import { commandLine } from "./main.ts";

/** One subcommand of a program with several (`twofold monolith`, `bun run contracts check`): its spec and what it does. */
export interface Command {
  readonly name: string;
  readonly spec: CommandSpec;
  /** Answers the exit code, or nothing when it keeps serving. */
  readonly run: (argv: readonly string[]) => Promise<number | undefined>;
}

/** A subcommand whose argv is parsed by its own spec before `run` sees it (`--help` answered from the spec). */
export function command<const O extends OptionSpecs>(
  name: string,
  spec: CommandSpec<O>,
  run: (parsed: Parsed<O>) => Promise<number | undefined>,
): Command {
  return { name, spec, run: (argv) => run(commandLine(spec, argv)) };
}

/** The help of a program with subcommands: each one's usage line and summary, from the commands themselves. */
function commandsHelp(program: string, summary: string, commands: readonly Command[]): string {
  const lines = [`usage: ${program} <command> [options]`, "", summary, "", "commands:"];
  for (const { spec } of commands) lines.push(`  ${spec.usage}${spec.positionals ? ` ${spec.positionals}` : ""}`, `      ${spec.summary}`);
  lines.push("", `${program} <command> --help shows a command's options and examples.`);
  return lines.join("\n");
}

/** Runs the subcommand argv names; none, `help` or `--help` prints the program's help. */
export async function runCommands(
  program: string,
  summary: string,
  commands: readonly Command[],
  argv: readonly string[],
): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(commandsHelp(program, summary, commands));
    return 0;
  }
  const found = commands.find((c) => c.name === name);
  if (!found && name.startsWith("-")) throw new UsageError(`unknown option ${name}: name a command first (see ${program} --help)`);
  if (!found) throw new UsageError(`unknown command "${name}": one of ${commands.map((c) => c.name).join(", ")} (see ${program} --help)`);
  return found.run(rest);
}
