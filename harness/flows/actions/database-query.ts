import { mapQuery } from "../mapped-sql.ts";
import type { ActionDefinition } from "./action.ts";
import { expectList, isTemplate } from "./checks.ts";
import { runQuery } from "./sql.ts";

const moduleOf = (value: unknown) => (value === undefined ? undefined : String(value));

/**
 * `database_query {query, params?, module?, connection?}`, TestMesh's, → `{rows, row_count}`: read-only SQL
 * against the owning module's own state through the harness's SQL endpoint, the only way into a module's
 * database on every topology (so `connection` is not used). The flow's mapping names the module from the
 * seed's schema (`user_service.users` → users) and reshapes tables the module keeps differently.
 */
export const databaseQuery: ActionDefinition = {
  name: "database_query",
  required: ["query"],
  compile(tools) {
    expectList(tools, ["params"]);
    const { query, module } = tools.config;
    if (typeof query === "string" && !isTemplate(query) && !isTemplate(module)) {
      try {
        mapQuery(tools.mapping, query, moduleOf(module));
      } catch (error) {
        tools.fail(["query"], (error as Error).message);
      }
    }
    return (config, run) => runQuery({ ...config, ...mapQuery(tools.mapping, String(config.query), moduleOf(config.module)) }, run.system);
  },
};
