import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from "yaml";
import { actions } from "./actions/index.ts";
import { SyntaxProblem } from "./errors.ts";
import type { FlowMapping, TableMapping, TopicMapping } from "./mapping.ts";
import { parseBarePath } from "./path.ts";
import { Source } from "./source.ts";

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const sections = ["services", "headers", "topics", "schemas", "tables", "actions", "skip", "values"] as const;

/** The mapping file a flow file may have beside it: `x.flow.yaml` → `x.mapping.yaml`. */
export const mappingPathFor = (flowPath: string): string | undefined =>
  flowPath.endsWith(".flow.yaml") ? `${flowPath.slice(0, -".flow.yaml".length)}.mapping.yaml` : undefined;

/** Checks a mapping file; every problem throws a FlowError naming it and the line. */
export function parseMapping(text: string, file: string): FlowMapping {
  const lines = new LineCounter();
  const source = new Source(file, lines);
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const [problem] = doc.errors;
  if (problem) source.fail(problem.linePos?.[0].line ?? 1, `YAML syntax error: ${problem.message.split("\n")[0]}`);
  const root = doc.contents;
  if (!isMap(root)) return source.fail(1, `a mapping file is a map of ${sections.join(", ")}`);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!(sections as readonly string[]).includes(key))
      source.failAt(pair.key, 1, `unknown key ${JSON.stringify(key)} in a mapping file (expected ${sections.join(", ")})`);
  }
  const reader = new SectionReader(source, root);
  return {
    file,
    services: new Map(reader.strings("services", "a module name", identifier).map(([module, url]) => [module, url.replace(/\/+$/, "")])),
    headers: Object.fromEntries(reader.strings("headers").map(([name, value]) => [name.toLowerCase(), value])),
    topics: new Map(reader.maps("topics").map(([topic, entry]) => [topic, reader.topic(topic, entry)])),
    schemas: new Map(reader.strings("schemas", "a schema name", identifier).map(([schema, module]) => [schema, module])),
    tables: new Map(reader.maps("tables").map(([name, entry]) => [name, reader.table(name, entry)])),
    actions: new Map(reader.strings("actions").map(([from, to, line]) => [from, reader.action(to, line)])),
    skip: new Map(reader.list("skip")),
    values: new Map(reader.strings("values").map(([written, meant]) => [written, meant])),
  };
}

/** Reads one section of a mapping file, failing at the line of the first value that does not fit. */
class SectionReader {
  constructor(
    private readonly source: Source,
    private readonly root: YAMLMap,
  ) {}

  private section(name: string): YAMLMap | undefined {
    const node = this.root.get(name, true);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isMap(node)) return this.source.failAt(node, 1, `${name}: must be a map`);
    return node;
  }

  private entries(name: string): [string, unknown, number][] {
    return (this.section(name)?.items ?? []).map((pair) => [
      isScalar(pair.key) ? String(pair.key.value) : "",
      pair.value,
      this.source.lineOf(pair.key),
    ]);
  }

  strings(name: string, keyKind?: string, keyPattern?: RegExp): [string, string, number][] {
    return this.entries(name).map(([key, value, line]) => {
      if (keyPattern && !keyPattern.test(key)) this.source.fail(line, `${name}: ${JSON.stringify(key)} is not ${keyKind}`);
      if (!isScalar(value) || typeof value.value !== "string") return this.source.fail(line, `${name}.${key}: must be a string`);
      return [key, value.value, line];
    });
  }

  maps(name: string): [string, YAMLMap, number][] {
    return this.entries(name).map(([key, value, line]) => {
      if (!isMap(value)) return this.source.fail(line, `${name}.${key}: must be a map`);
      return [key, value, line];
    });
  }

  list(name: string): [string, number][] {
    const node = this.root.get(name, true);
    if (node === undefined) return [];
    if (!isSeq(node)) return this.source.failAt(node, 1, `${name}: must be a list of step ids`);
    return node.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== "string") return this.source.failAt(item, 1, `${name}: a step id is a string`);
      return [item.value, this.source.lineOf(item)];
    });
  }

  private field(owner: string, entry: YAMLMap, key: string, known: readonly string[]): string | undefined {
    for (const pair of entry.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!known.includes(name)) this.source.failAt(pair.key, 1, `${owner}: unknown key ${JSON.stringify(name)} (expected ${known.join(", ")})`);
    }
    const node = entry.get(key, true);
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== "string") return this.source.failAt(node, 1, `${owner}.${key}: must be a string`);
    return node.value;
  }

  topic(topic: string, entry: YAMLMap): TopicMapping {
    const owner = `topics.${topic}`;
    const type = this.field(owner, entry, "type", ["type", "key"]) ?? this.source.failAt(entry, 1, `${owner}: needs type (the event type)`);
    const key = this.field(owner, entry, "key", ["type", "key"]);
    if (key === undefined) return { type };
    try {
      return { type, key: parseBarePath(key) };
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      return this.source.failAt(entry.get("key", true), 1, `${owner}.key: an envelope path such as payload.user_id: ${error.message}`);
    }
  }

  table(name: string, entry: YAMLMap): TableMapping {
    const owner = `tables.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      this.source.failAt(entry, 1, `tables: ${JSON.stringify(name)} is not schema.table`);
    const table = this.field(owner, entry, "table", ["table", "columns"]) ?? name.split(".")[1] ?? name;
    if (!identifier.test(table)) this.source.failAt(entry.get("table", true), 1, `${owner}.table: ${JSON.stringify(table)} is not a table name`);
    const columns = entry.get("columns", true);
    if (columns === undefined) return { table, columns: {} };
    if (!isMap(columns)) return this.source.failAt(columns, 1, `${owner}.columns: must be a map of column → SQL expression`);
    return {
      table,
      columns: Object.fromEntries(
        columns.items.map((pair) => {
          const column = isScalar(pair.key) ? String(pair.key.value) : "";
          if (!identifier.test(column)) this.source.failAt(pair.key, 1, `${owner}.columns: ${JSON.stringify(column)} is not a column name`);
          if (!isScalar(pair.value) || typeof pair.value.value !== "string")
            return this.source.failAt(pair.key, 1, `${owner}.columns.${column}: must be an SQL expression`);
          return [column, pair.value.value];
        }),
      ),
    };
  }

  action(name: string, line: number): string {
    if (!actions.has(name)) this.source.fail(line, `actions: unknown action "${name}" (known: ${[...actions.keys()].join(", ")})`);
    return name;
  }
}
