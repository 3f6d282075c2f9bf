import { type CommandSpec, helpText, type OptionSpecs, type Parsed, parseCommandLine, UsageError } from "./command-line.ts";

/**
 * Exit codes every entry point shares: 0 done, 1 findings (harness differences, failed checks, incompatible
 * contracts, a failed synthetic journey), 2 a usage error, 70 an internal error (EX_SOFTWARE of sysexits.h: a
 * bug or a broken environment, which CI must not mistake for a finding).
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;

/** Stack traces are for whoever debugs: DEBUG=1 or LOG_LEVEL=debug (or trace). */
const wantsStack = (env: Record<string, string | undefined>): boolean =>
  (env.DEBUG !== undefined && env.DEBUG !== "" && env.DEBUG !== "0") || env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "trace";

/** Says what went wrong in one line on stderr (a stack only when asked for) and answers the exit code. */
export function reportFailure(program: string, error: unknown, env: Record<string, string | undefined> = process.env): number {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  if (error instanceof UsageError) {
    console.error(`${program}: ${message}`);
    return EXIT.usage;
  }
  console.error(`${program}: ${message}`);
  if (wantsStack(env) && error instanceof Error && error.stack) console.error(error.stack);
  return EXIT.internal;
}

/**
 * Runs an entry point: `main` answers the exit code, or nothing when it keeps serving. Set as exitCode rather
 * than exit(), so output piped to another process is flushed first.
 */
export async function runMain(program: string, main: () => Promise<number | undefined>): Promise<void> {
  try {
    const code = await main();
    if (code !== undefined) process.exitCode = code;
  } catch (error) {
    process.exitCode = reportFailure(program, error);
  }
}

/** Parses argv for a command; `--help` prints the help on stdout and exits 0. Errors are UsageErrors for runMain. */
export function commandLine<const O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): Parsed<O> {
  const parsed = parseCommandLine(spec, argv);
  if (parsed.help) {
    console.log(helpText(spec));
    process.exit(EXIT.ok);
  }
  return parsed;
}
