import type { ActionDefinition } from "./action.ts";
import { durationOr, expectDuration, isTemplate } from "./checks.ts";
import { compileMessageMatch, toMessage } from "./kafka-message.ts";

/** TestMesh's defaults: its consumer group, and one message to wait for. */
const defaultGroup = "testmesh";

/**
 * `kafka_consumer {topic, group_id?, from_beginning?, count?, timeout?, match?, filter?}`, TestMesh's, reads
 * the bus through the system's event tap: the topic is an event type (or what the flow's mapping says it is),
 * and the step waits until `count` (1) matching messages arrived or `timeout` (10s) passed →
 * `{messages: [{topic, key, value, headers, timestamp}], count}`. As in Kafka, a new group starts at the
 * flow's first event when `from_beginning`, else at the step's start, and each group goes on from where it
 * stopped reading a topic. `brokers` (and SASL, TLS) are not used: the tap is the only way onto the bus.
 */
export const kafkaConsumer: ActionDefinition = {
  name: "kafka_consumer",
  required: ["topic"],
  compile(tools) {
    expectDuration(tools, ["timeout"]);
    const written = tools.config.count;
    if (written !== undefined && !isTemplate(written) && !(Number.isInteger(written) && Number(written) >= 1))
      tools.fail(["count"], "config.count must be a whole number ≥ 1");
    const matcherFor = compileMessageMatch(tools);
    return async (config, run) => {
      const topic = String(config.topic);
      const mapped = tools.mapping.topics.get(topic) ?? { type: topic };
      const offset = `${String(config.group_id ?? defaultGroup)}\u0000${topic}`;
      const from = run.offsets.get(offset) ?? (config.from_beginning === true ? 0 : (await run.system.events.all(mapped.type)).length);
      const count = config.count === undefined ? 1 : Number(config.count);
      const timeoutMs = durationOr(config.timeout, 10_000);
      const accepts = matcherFor(config, run.vars);
      const { events, next } = await run.system.events.consume(
        mapped.type,
        from,
        count,
        (e) => accepts(toMessage(topic, mapped, e, run.vars)),
        timeoutMs,
      );
      run.offsets.set(offset, next);
      if (events.length < count)
        run.check.warn(`step ${run.step.id}: ${events.length} of ${count} message(s) on ${topic} (event type ${mapped.type}) within ${timeoutMs} ms`);
      const messages = events.map((e) => toMessage(topic, mapped, e, run.vars));
      return { messages, count: messages.length };
    };
  },
};
