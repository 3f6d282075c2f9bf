import { deepEqual, holds, type Operator, operators } from "./compare.ts";
import { type Literal, parseLiteral, resolveLiteral } from "./literal.ts";
import { continuePath, readPath, type Segment } from "./path.ts";
import { Cursor } from "./syntax.ts";
import type { Variables } from "./variables.ts";

/**
 * An assertion over a step's context: `<operand> <op> <literal>`. Operands are paths (`body.items[0].id`,
 * `headers.etag`, `rows[*].status`) or one of the functions `len(x)`, `count(x, literal)`, `sorted(x)`.
 */
export interface Expression {
  readonly text: string;
  readonly left: Operand;
  readonly op: Operator;
  readonly right: Literal;
}

type Operand =
  | { readonly kind: "path"; readonly segments: readonly Segment[] }
  | { readonly kind: "call"; readonly name: FunctionName; readonly target: Operand; readonly literal?: Literal };

const functionNames = ["len", "count", "sorted"] as const;
type FunctionName = (typeof functionNames)[number];
const isFunction = (name: string): name is FunctionName => (functionNames as readonly string[]).includes(name);

export interface Outcome {
  readonly ok: boolean;
  readonly actual: unknown;
  readonly expected: unknown;
  /** Why the operand could not be computed (len of something that is not a list, say). */
  readonly problem?: string;
}

export function parseExpression(text: string): Expression {
  const cursor = new Cursor(text);
  const left = parseOperand(cursor);
  const op = operators.find((candidate) => cursor.eat(candidate)) ?? cursor.fail(`expected one of ${operators.join(" ")}`);
  const right = parseLiteral(cursor);
  if (!cursor.atEnd()) cursor.fail("unexpected text after the literal");
  return { text, left, op, right };
}

function parseOperand(cursor: Cursor): Operand {
  const name = cursor.ident() ?? cursor.fail("expected a path or a function such as len(...)");
  if (isFunction(name) && cursor.eat("(")) {
    const target = parseOperand(cursor);
    let literal: Literal | undefined;
    if (name === "count") {
      cursor.expect(",");
      literal = parseLiteral(cursor);
    }
    cursor.expect(")");
    return { kind: "call", name, target, literal };
  }
  return { kind: "path", segments: continuePath(name, cursor) };
}

class OperandProblem extends Error {}

const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

function sizeOf(value: unknown): number {
  if (Array.isArray(value) || typeof value === "string") return value.length;
  if (value !== null && typeof value === "object") return Object.keys(value).length;
  throw new OperandProblem(`len() of ${show(value)}, which is not a list, string or object`);
}

function listOf(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new OperandProblem(`${name}() of ${show(value)}, which is not a list`);
  return value;
}

const byValue = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? a - b : String(JSON.stringify(a)).localeCompare(String(JSON.stringify(b)));

function evaluateOperand(operand: Operand, context: unknown, vars: Variables): unknown {
  if (operand.kind === "path") return readPath(context, operand.segments, vars);
  const value = evaluateOperand(operand.target, context, vars);
  switch (operand.name) {
    case "len":
      return sizeOf(value);
    case "count": {
      const wanted = operand.literal ? resolveLiteral(operand.literal, vars) : undefined;
      return listOf("count", value).filter((item) => deepEqual(item, wanted)).length;
    }
    case "sorted":
      return [...listOf("sorted", value)].sort(byValue);
  }
}

/** Evaluates against a step's context; unknown variables throw (the caller reports them with the step). */
export function evaluate(expression: Expression, context: unknown, vars: Variables): Outcome {
  const expected = resolveLiteral(expression.right, vars);
  try {
    const actual = evaluateOperand(expression.left, context, vars);
    return { ok: holds(expression.op, actual, expected), actual, expected };
  } catch (error) {
    if (error instanceof OperandProblem) return { ok: false, actual: undefined, expected, problem: error.message };
    throw error;
  }
}

/** `body.total == 59.98: actual 59.97, expected == 59.98`. */
export const describeOutcome = (expression: Expression, outcome: Outcome): string =>
  `${expression.text}: ${outcome.problem ?? `actual ${show(outcome.actual)}`}, expected ${expression.op} ${show(outcome.expected)}`;
