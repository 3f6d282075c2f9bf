import type { SystemClient } from "../../system/client.ts";
import type { StepContext } from "../model.ts";
import { toQuestionMarks } from "../placeholders.ts";
import type { ActionDefinition } from "./action.ts";
import { expectList } from "./checks.ts";

/** Read-only SQL into one module's own schema, through the harness endpoint every topology serves. */
export async function runQuery(config: Readonly<Record<string, unknown>>, system: SystemClient): Promise<StepContext> {
  const params = config.params === undefined ? [] : config.params;
  if (!Array.isArray(params)) throw new Error(`config.params must be a list, got ${JSON.stringify(params)}`);
  const { query, params: ordered } = toQuestionMarks(String(config.query), params);
  const rows = await system.sql(String(config.module), query, ordered);
  return { rows, row_count: rows.length };
}

/** `sql {module, query, params?}` → `{rows, row_count}`; `?` or `$1` placeholders. */
export const sql: ActionDefinition = {
  name: "sql",
  required: ["module", "query"],
  compile(tools) {
    expectList(tools, ["params"]);
    return (config, run) => runQuery(config, run.system);
  },
};
