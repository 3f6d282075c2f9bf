import type { Envelope } from "../../../contracts/envelope.ts";
import { deepEqual } from "../compare.ts";
import { SyntaxProblem } from "../errors.ts";
import { parseBarePath, readPath, type Segment } from "../path.ts";
import type { Variables } from "../variables.ts";
import type { CompileTools } from "./action.ts";
import { expectMap, isMap } from "./checks.ts";

export type EnvelopeFilter = (envelope: Envelope) => boolean;

/**
 * Parses `config.match` (envelope path → expected value, `payload.order_id: "{{order_id}}"`) at load time and
 * answers how to build the filter from the interpolated config when the step runs.
 */
export function compileMatch(tools: CompileTools): (config: Readonly<Record<string, unknown>>, vars: Variables) => EnvelopeFilter {
  expectMap(tools, ["match"]);
  const written = tools.config.match;
  const paths = new Map<string, Segment[]>();
  for (const key of Object.keys(isMap(written) ? written : {})) {
    try {
      paths.set(key, parseBarePath(key));
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      tools.fail(["match", key], `match path ${error.message}`);
    }
  }
  return (config, vars) => {
    const wanted = Object.entries(isMap(config.match) ? config.match : {});
    return (envelope) => wanted.every(([key, value]) => deepEqual(readPath(envelope, paths.get(key) ?? [], vars), value));
  };
}
