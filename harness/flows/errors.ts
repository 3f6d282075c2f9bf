/** A problem in a flow file, located at the line a reader should look at. */
export class FlowError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "FlowError";
  }
}

/** A `{{name}}` or `${NAME}` that names no variable; the caller knows where it was and adds the location. */
export class UnknownVariableError extends Error {
  constructor(
    readonly variable: string,
    readonly known: readonly string[],
  ) {
    super(`unknown variable ${variable}`);
    this.name = "UnknownVariableError";
  }

  /** `; defined: a, b`, to end a message that already says where the variable was used. */
  get defined(): string {
    return `; defined: ${this.known.join(", ") || "none"}`;
  }
}

/** A malformed assertion or path, with the column it went wrong at. */
export class SyntaxProblem extends Error {
  constructor(
    readonly text: string,
    readonly column: number,
    reason: string,
  ) {
    super(`${reason} at column ${column + 1} of \`${text}\``);
    this.name = "SyntaxProblem";
  }
}
