import type { FlowMapping } from "./mapping.ts";

/** A quoted string (left alone) or a qualified name `schema.table`. */
const token = /'(?:[^']|'')*'|\b([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\b/g;

/**
 * Turns SQL written against the seed's databases (`user_service.users`) into a query on one module's own
 * schema: each mapped schema qualifier names the module and is dropped (the harness's SQL endpoint puts the
 * module's schema on the search path); a mapped table becomes a WITH clause of the seed's name over the
 * module's table, with the mapped columns computed. A query may read one module only, as the system's own
 * boundaries allow; with no mapped qualifier it needs `module`.
 */
export function mapQuery(mapping: FlowMapping, query: string, module?: string): { module: string; query: string } {
  const modules = new Map<string, string>();
  const views = new Map<string, string>();
  const mapped = query.replace(token, (whole, schema: string | undefined, table: string | undefined) => {
    const owner = schema === undefined ? undefined : mapping.schemas.get(schema);
    if (schema === undefined || table === undefined || owner === undefined) return whole;
    modules.set(owner, schema);
    const shape = mapping.tables.get(`${schema}.${table}`);
    if (shape) {
      const columns = Object.entries(shape.columns).map(([column, sql]) => `, ${sql} AS ${column}`);
      views.set(table, `${table} AS (SELECT *${columns.join("")} FROM ${shape.table})`);
    }
    return table;
  });
  if (modules.size > 1) {
    const named = [...modules].map(([owner, schema]) => `${schema} (${owner})`).join(" and ");
    throw new Error(`a query reads one module's state at a time, and this one names ${named}`);
  }
  const [owner] = modules.keys();
  if (owner && module && owner !== module) throw new Error(`config.module is ${module}, but the query names a schema of ${owner}`);
  const target = owner ?? module;
  if (!target) {
    const known = [...mapping.schemas.keys()].join(", ") || "none mapped";
    throw new Error(`the query names no mapped schema (${known}) and the step gives no config.module`);
  }
  return { module: target, query: views.size ? withViews(mapped, [...views.values()]) : mapped };
}

function withViews(query: string, views: readonly string[]): string {
  const leadingWith = /^\s*with\s+/i.exec(query);
  if (!leadingWith) return `WITH ${views.join(", ")} ${query}`;
  if (/^recursive\b/i.test(query.slice(leadingWith[0].length))) throw new Error("a mapped table cannot be read inside WITH RECURSIVE");
  return `WITH ${views.join(", ")}, ${query.slice(leadingWith[0].length)}`;
}
