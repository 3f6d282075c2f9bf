import { type Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type YAMLMap } from "yaml";
import { compileStep, type StepScope } from "./compile-step.ts";
import { FlowError } from "./errors.ts";
import { type FlowMapping, noMapping } from "./mapping.ts";
import type { EnvEntry, Flow, Step } from "./model.ts";
import { resolveAlias } from "./nodes.ts";
import { Source } from "./source.ts";

const flowKeys = ["name", "description", "env", "setup", "steps", "teardown"];
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "Nested mappings are not allowed ... at line 3, column 5:\n\n<excerpt>" → its first sentence, without the position. */
const firstLine = (message: string) => (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");

/**
 * Parses a flow file: one flow per YAML document (`---` separates several). Every problem found before the
 * flow runs (YAML syntax, unknown action, missing config field, malformed assertion) throws a FlowError
 * naming the file and line. A mapping (the file beside it) says what a flow written for another system means here.
 */
export function parseFlows(text: string, file: string, mapping: FlowMapping = noMapping): Flow[] {
  const lines = new LineCounter();
  const source = new Source(file, lines);
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) {
    const [problem] = doc.errors;
    if (problem) source.fail(problem.linePos?.[0].line ?? 1, `YAML syntax error: ${firstLine(problem.message)}`);
  }
  const flows = documents.filter((doc) => doc.contents !== null).map((doc) => compileFlow(replaceValues(doc, mapping), source, mapping));
  if (flows.length === 0) source.fail(1, "no flow in this file (expected a top-level `flow:` map)");
  for (const [id, line] of mapping.skip) {
    if (!flows.some((flow) => flow.skipped.includes(id)))
      throw new FlowError(mapping.file ?? file, line, `skip: no flow in ${file} has a setup, step or teardown "${id}"`);
  }
  return flows;
}

/** The mapping's `values`, replaced in every string value of the document (keys stay as written). */
function replaceValues(doc: Document, mapping: FlowMapping): Document {
  if (mapping.values.size === 0) return doc;
  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "string") return;
      let value = node.value;
      for (const [written, meant] of mapping.values) value = value.replaceAll(written, meant);
      node.value = value;
    },
  });
  return doc;
}

function compileFlow(doc: Document, source: Source, mapping: FlowMapping): Flow {
  const root = doc.contents;
  const rootLine = source.lineOf(root);
  if (!isMap(root)) return source.fail(rootLine, "a flow file is a map with a top-level `flow:`");
  for (const pair of root.items) {
    if (!isScalar(pair.key) || pair.key.value !== "flow")
      source.failAt(
        pair.key,
        rootLine,
        `unknown top-level key ${JSON.stringify(String(isScalar(pair.key) ? pair.key.value : pair.key))} (expected flow)`,
      );
  }
  const flowPair = root.items[0];
  const flow = flowPair?.value;
  const line = source.lineOf(flowPair?.key, rootLine);
  if (!isMap(flow)) return source.fail(line, "`flow:` must be a map with name and steps");
  for (const pair of flow.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!flowKeys.includes(key)) source.failAt(pair.key, line, `unknown key ${JSON.stringify(key)} in flow (expected ${flowKeys.join(", ")})`);
  }
  const name = flow.get("name");
  if (typeof name !== "string" || !name.trim()) source.fail(line, "a flow needs a name");
  const description = flow.get("description");

  const scope: StepScope = { source, doc, ids: new Set(), mapping };
  const skipped: string[] = [];
  const setup = stepList(flow, "setup", scope, line, skipped);
  const steps = stepList(flow, "steps", scope, line, skipped);
  if (steps.length === 0) source.fail(line, `flow "${name}" needs at least one step`);
  const teardown = stepList(flow, "teardown", scope, line, skipped);
  return {
    file: source.file,
    line,
    name,
    description: typeof description === "string" ? description : undefined,
    env: envOf(flow, source, line),
    setup,
    steps,
    teardown,
    skipped,
    mapping,
  };
}

/** The id of a step as written, before it is compiled (a skipped step is never compiled: it may not fit here). */
function idOf(item: unknown, doc: Document): string | undefined {
  const node = resolveAlias(item, doc);
  const id = isMap(node) ? node.get("id") : undefined;
  return typeof id === "string" ? id : undefined;
}

function stepList(flow: YAMLMap, key: string, scope: StepScope, line: number, skipped: string[]): Step[] {
  const node = resolveAlias(flow.get(key, true), scope.doc);
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return scope.source.failAt(node, line, `\`${key}:\` must be a list of steps`);
  const kept = node.items.filter((item) => {
    const id = idOf(item, scope.doc);
    if (id === undefined || !scope.mapping.skip.has(id)) return true;
    skipped.push(id);
    return false;
  });
  return kept.map((item) => compileStep(item, scope, scope.source.lineOf(node, line)));
}

function envOf(flow: YAMLMap, source: Source, line: number): EnvEntry[] {
  const node = flow.get("env", true);
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) return source.failAt(node, line, "`env:` must be a map of variables");
  return node.items.map((pair) => {
    const at = source.lineOf(pair.key, line);
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!identifier.test(name)) source.fail(at, `env variable names are identifiers, got ${JSON.stringify(name)}`);
    if (!isScalar(pair.value)) source.fail(at, `env ${name} must be a string, number or boolean`);
    return { name, value: pair.value.value, line: at };
  });
}
