/** One subcommand of scripts/contracts.ts; `run` answers the exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly run: (args: readonly string[]) => Promise<number>;
}

/** A mistake in how the command was called: usage, not a failure of what it checks (exit 2). */
export class UsageError extends Error {}
