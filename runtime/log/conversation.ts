import { currentContext } from "../bus/context.ts";

/** What a log line says of the conversation it belongs to. */
export interface ConversationFields {
  readonly correlation_id?: string;
  readonly trace_id?: string;
}

/**
 * The trace a conversation belongs to. Until requests carry a W3C traceparent (issue 14 item 2) a
 * conversation is its own trace, so its correlation id is the trace id: this is the one place to change.
 */
const traceIdOf = (conversation: { readonly correlationId: string }): string => conversation.correlationId;

/** The fields of a known conversation: an envelope's, or a request's correlation id. */
export const conversationFields = (conversation: { readonly correlationId: string }): ConversationFields => ({
  correlation_id: conversation.correlationId,
  trace_id: traceIdOf(conversation),
});

/** The fields of the conversation the work at hand runs in (none outside one): every line logged inside it carries them. */
export function currentConversationFields(): ConversationFields {
  const context = currentContext();
  return context ? conversationFields(context) : {};
}
