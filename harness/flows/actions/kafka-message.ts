import type { Envelope } from "../../../contracts/envelope.ts";
import { SyntaxProblem } from "../errors.ts";
import { type Expression, evaluate, parseExpression } from "../expression.ts";
import type { TopicMapping } from "../mapping.ts";
import { readPath } from "../path.ts";
import type { Variables } from "../variables.ts";
import type { CompileTools } from "./action.ts";
import { expectKeys, expectList, expectMap, isMap, isTemplate, valueAt } from "./checks.ts";

/** An event as a kafka_consumer step sees it, shaped like TestMesh's consumed message. */
export interface KafkaMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: unknown;
  /** The envelope's metadata, as the string headers a Kafka record carries. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: string;
}

export function toMessage(topic: string, mapped: TopicMapping, envelope: Envelope, vars: Variables): KafkaMessage {
  const key = mapped.key ? readPath(envelope, mapped.key, vars) : undefined;
  const { payload, occurredAt, ...metadata } = envelope;
  const headers = Object.fromEntries(Object.entries(metadata).flatMap(([name, value]) => (value === null ? [] : [[name, String(value)]])));
  return { topic, key: key === undefined || key === null ? null : String(key), value: payload, headers, timestamp: occurredAt };
}

/** `$.user_id == "u-1"` reads the message value; the assertion syntax starts with a name, so `$.` goes. */
const onValue = (written: string) => written.trim().replace(/^\$\./, "");

/**
 * TestMesh's matching, checked when the flow loads: `match {key?, json_path?: [assertions on the value]}`
 * and `filter {key?, key_pattern?, headers?}`. Answers how to test a message once the config is interpolated.
 */
export function compileMessageMatch(
  tools: CompileTools,
): (config: Readonly<Record<string, unknown>>, vars: Variables) => (message: KafkaMessage) => boolean {
  expectKeys(tools, ["match"], ["key", "json_path"]);
  expectKeys(tools, ["filter"], ["key", "key_pattern", "headers"]);
  expectMap(tools, ["filter", "headers"]);
  expectList(tools, ["match", "json_path"]);
  const written = valueAt(tools.config, ["match", "json_path"]);
  const valueChecks: Expression[] = (Array.isArray(written) ? written : []).map((text, index) => {
    if (typeof text !== "string")
      return tools.fail(["match", "json_path", index], "config.match.json_path holds assertions such as \"$.user_id == '{{user_id}}'\"");
    try {
      return parseExpression(onValue(text));
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      return tools.fail(["match", "json_path", index], `malformed assertion: ${error.message}`);
    }
  });
  const pattern = valueAt(tools.config, ["filter", "key_pattern"]);
  if (typeof pattern === "string" && !isTemplate(pattern)) patternOf(pattern, tools);

  return (config, vars) => {
    const match = asMap(config.match);
    const filter = asMap(config.filter);
    const keys = [match.key, filter.key].filter((key) => key !== undefined).map(String);
    const keyPattern = filter.key_pattern === undefined ? undefined : patternOf(String(filter.key_pattern));
    const headers = Object.entries(asMap(filter.headers));
    return (message) =>
      keys.every((key) => message.key === key) &&
      (keyPattern?.test(message.key ?? "") ?? true) &&
      headers.every(([name, value]) => message.headers[name] === String(value)) &&
      valueChecks.every((check) => evaluate(check, message.value, vars).ok);
  };
}

const asMap = (value: unknown): Record<string, unknown> => (isMap(value) ? value : {});

function patternOf(pattern: string, tools?: CompileTools): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    const reason = `config.filter.key_pattern is not a regular expression: ${(error as Error).message}`;
    if (tools) tools.fail(["filter", "key_pattern"], reason);
    throw new Error(reason);
  }
}
