import type { LineCounter } from "yaml";
import { FlowError } from "./errors.ts";

interface Ranged {
  readonly range?: readonly [number, number, number?] | null;
}

/** One flow file as parsed: its name and the map from YAML node offsets to line numbers. */
export class Source {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** The 1-based line a YAML node starts on, or `fallback` for a node that is not there. */
  lineOf(node: unknown, fallback = 1): number {
    const range = (node as Ranged | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : fallback;
  }

  fail(line: number, reason: string): never {
    throw new FlowError(this.file, line, reason);
  }

  failAt(node: unknown, fallback: number, reason: string): never {
    return this.fail(this.lineOf(node, fallback), reason);
  }
}
