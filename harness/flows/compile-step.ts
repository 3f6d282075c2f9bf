import { type Document, isMap, isScalar, isSeq } from "yaml";
import { parseFaults } from "../../runtime/bus/faults/parse.ts";
import type { CompileTools } from "./actions/action.ts";
import { actions } from "./actions/index.ts";
import { SyntaxProblem } from "./errors.ts";
import { parseExpression } from "./expression.ts";
import type { ConfigPath } from "./interpolate.ts";
import { parseJsonPath } from "./jsonpath.ts";
import type { FlowMapping } from "./mapping.ts";
import type { Assertion, Output, Step } from "./model.ts";
import { nodeAt, resolveAlias } from "./nodes.ts";
import type { Source } from "./source.ts";

const stepKeys = ["id", "action", "config", "assert", "output", "fault", "description"];
const name = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Everything steps of one flow share while it loads: the file, the document, the ids taken so far. */
export interface StepScope {
  readonly source: Source;
  readonly doc: Document;
  readonly ids: Set<string>;
  readonly mapping: FlowMapping;
}

const text = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === "string" ? node.value : undefined);

/** Parses a YAML list of assertion strings, failing at the line of the first malformed one. */
function compileAssertions(node: unknown, scope: StepScope, fallback: number, owner: string): Assertion[] {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return scope.source.failAt(node, fallback, `${owner}: assertions are a list of strings like \`status == 200\``);
  return node.items.map((item) => {
    const line = scope.source.lineOf(item, fallback);
    const written = text(item) ?? scope.source.fail(line, `${owner}: an assertion is a string like \`status == 200\``);
    try {
      return { expression: parseExpression(written), line };
    } catch (error) {
      if (error instanceof SyntaxProblem) return scope.source.fail(line, `${owner}: malformed assertion: ${error.message}`);
      throw error;
    }
  });
}

function compileOutputs(node: unknown, scope: StepScope, fallback: number, owner: string): Output[] {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) return scope.source.failAt(node, fallback, `${owner}: output is a map of variable → JSONPath`);
  return node.items.map((pair) => {
    const line = scope.source.lineOf(pair.key, fallback);
    const variable = text(pair.key);
    if (!variable || !name.test(variable))
      scope.source.fail(line, `${owner}: output variable names are identifiers, got ${JSON.stringify(variable ?? null)}`);
    const written = text(pair.value) ?? scope.source.failAt(pair.value, line, `${owner}: output ${variable} needs a JSONPath such as $.body.id`);
    try {
      return { name: variable, path: parseJsonPath(written), line };
    } catch (error) {
      if (error instanceof SyntaxProblem) return scope.source.fail(line, `${owner}: output ${variable}: ${error.message}`);
      throw error;
    }
  });
}

/** Validates one step (and its nested steps) and prepares it to run; every problem names the file and line. */
export function compileStep(written: unknown, scope: StepScope, fallback: number): Step {
  const { source, doc } = scope;
  const line = source.lineOf(written, fallback);
  const node = resolveAlias(written, doc);
  if (!isMap(node)) return source.fail(line, "a step is a map with id, action and config");
  for (const pair of node.items) {
    const key = text(pair.key);
    if (!key || !stepKeys.includes(key))
      source.failAt(pair.key, line, `unknown key ${JSON.stringify(key ?? null)} in a step (expected ${stepKeys.join(", ")})`);
  }
  const id = text(node.get("id", true)) ?? source.fail(line, "a step needs an id (a string)");
  if (scope.ids.has(id)) source.failAt(node.get("id", true), line, `duplicate step id "${id}"`);
  scope.ids.add(id);
  const owner = `step "${id}"`;

  const actionNode = node.get("action", true);
  const named = text(actionNode) ?? source.fail(line, `${owner} needs an action (one of ${[...actions.keys()].join(", ")})`);
  const action = scope.mapping.actions.get(named) ?? named;
  const definition =
    actions.get(action) ?? source.failAt(actionNode, line, `${owner}: unknown action "${action}" (known: ${[...actions.keys()].join(", ")})`);

  const configNode = resolveAlias(node.get("config", true), doc);
  const configMap = isMap(configNode) ? configNode : undefined;
  const emptyConfig = configNode === undefined || (isScalar(configNode) && configNode.value === null);
  if (!emptyConfig && !configMap) source.failAt(configNode, line, `${owner}: config must be a map`);
  const config = (configMap?.toJS(doc) ?? {}) as Record<string, unknown>;
  const configAt = (path: ConfigPath): unknown => nodeAt(configMap, path, doc);
  const lineOf = (path: ConfigPath): number => source.lineOf(configAt(path), source.lineOf(configNode, line));
  for (const field of definition.required) {
    if (config[field] === undefined || config[field] === null) source.fail(line, `${owner}: action ${action} needs config.${field}`);
  }

  const tools: CompileTools = {
    config,
    mapping: scope.mapping,
    fail: (path, reason) => source.fail(lineOf(path), `${owner}: ${reason}`),
    assertions: (path) => compileAssertions(configAt(path), scope, lineOf(path), owner),
    steps: (path) => {
      const list = configAt(path);
      if (!isSeq(list)) return source.fail(lineOf(path), `${owner}: config.${path.join(".")} must be a list of steps`);
      return list.items.map((item) => compileStep(item, scope, lineOf(path)));
    },
  };
  const faultNode = node.get("fault", true);
  const fault =
    faultNode === undefined ? undefined : (text(faultNode) ?? source.failAt(faultNode, line, `${owner}: fault is a string (as TWOFOLD_FAULTS)`));
  if (fault !== undefined) {
    try {
      parseFaults(fault);
    } catch (error) {
      source.failAt(faultNode, line, `${owner}: ${(error as Error).message}`);
    }
  }
  return {
    id,
    action,
    line,
    config,
    ...(fault !== undefined ? { fault } : {}),
    raw: definition.raw ?? [],
    lineOf,
    assertions: compileAssertions(resolveAlias(node.get("assert", true), doc), scope, line, owner),
    outputs: compileOutputs(resolveAlias(node.get("output", true), doc), scope, line, owner),
    perform: definition.compile(tools),
  };
}
