import { currentContext } from "../bus/context.ts";
import { activeTraceId, traceIdOf as traceIdIn } from "../telemetry/context.ts";

/** What a log line says of the conversation it belongs to. */
export interface ConversationFields {
  readonly correlation_id?: string;
  readonly trace_id?: string;
}

/** A conversation as a line knows it: a request's or the work at hand's correlation id, or an envelope with the trace context it carries. */
interface Conversation {
  readonly correlationId: string;
  readonly traceparent?: string;
}

/**
 * The trace a line belongs to: the OpenTelemetry trace of the span it is logged in (runtime/telemetry/), else
 * the one the envelope it is about carries; where nothing is traced a conversation is its own trace, so its
 * correlation id is the trace id. The one place that decides.
 */
const traceIdOf = (conversation: Conversation): string => activeTraceId() ?? traceIdIn(conversation.traceparent) ?? conversation.correlationId;

/** The fields of a known conversation: an envelope's, or a request's correlation id. */
export const conversationFields = (conversation: Conversation): ConversationFields => ({
  correlation_id: conversation.correlationId,
  trace_id: traceIdOf(conversation),
});

/** The fields of the conversation the work at hand runs in (none outside one): every line logged inside it carries them. */
export function currentConversationFields(): ConversationFields {
  const context = currentContext();
  return context ? conversationFields(context) : {};
}
