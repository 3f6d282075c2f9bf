import { currentContext, runInContext } from "../bus/context.ts";
import { underTrace } from "../telemetry/context.ts";

/** One business flow's thread: the id every message of it shares, and the message that caused the work at hand. */
export interface Conversation {
  readonly correlationId: string;
  readonly causationId: string | null;
  /** A synthetic transaction's (runtime/http/synthetic.ts); record it with the rest, so resumed work stays synthetic. */
  readonly synthetic?: boolean;
  /**
   * The trace it was begun in, as a W3C traceparent (an envelope's `traceparent`), where the process traces:
   * opaque to modules, which keep it with the conversation so the work they resume joins that trace.
   */
  readonly trace?: string;
}

/**
 * Runs work a module starts on its own (a resumed saga, an expired reservation released by a sweep) in the
 * conversation that began it, so what it publishes and calls is traced there. An open transaction stays open:
 * calls are still refused inside it; the deadline of the work at hand still bounds them.
 */
export const inConversation = <T>(conversation: Conversation, work: () => T): T =>
  underTrace(conversation.trace, () =>
    runInContext(
      {
        correlationId: conversation.correlationId,
        causationId: conversation.causationId,
        synthetic: conversation.synthetic,
        inTransaction: currentContext()?.inTransaction,
        deadline: currentContext()?.deadline,
      },
      work,
    ),
  );

/** The conversation the work at hand belongs to, to record with state another flow resumes later. */
export function currentConversation(): Conversation | undefined {
  const context = currentContext();
  return context && { correlationId: context.correlationId, causationId: context.causationId, synthetic: context.synthetic };
}

/** Whether the work at hand belongs to a synthetic transaction: real in every step, but told to nobody and counted in no figure. */
export const isSynthetic = (): boolean => currentContext()?.synthetic === true;
