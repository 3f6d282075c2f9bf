import { conversationFields } from "../log/conversation.ts";
import type { Logger } from "../log/logger.ts";
import type { BusObserver } from "./observer.ts";

const ms = (durationMs: number): number => Math.round(durationMs * 100) / 100;

/**
 * Every call, publish and delivery as a `debug` line naming the module acting (the caller, the publisher, the
 * subscriber reached): its type, duration and outcome, never its payload (a call may carry a session or a card
 * token). None at all unless debug is on, so it costs nothing then.
 */
export function busLog(log: Logger): BusObserver | undefined {
  if (!log.isLevelEnabled("debug")) return undefined;
  return (record) => {
    const { envelope } = record;
    const about = { ...conversationFields(envelope), message_id: envelope.id, type: envelope.type, kind: record.kind };
    if (record.kind === "call") {
      const { from, to, outcome } = record;
      log.debug({ ...about, module: from, to, outcome, duration_ms: ms(record.durationMs) }, `call ${envelope.type} → ${to}: ${outcome}`);
    } else if (record.kind === "publish") {
      log.debug({ ...about, module: record.from, subscribers: record.subscribers }, `publish ${envelope.type}`);
    } else {
      const { to, outcome, attempt } = record;
      log.debug(
        { ...about, module: to, outcome, attempt, duration_ms: ms(record.durationMs) },
        `deliver ${envelope.type} (attempt ${attempt}): ${outcome}`,
      );
    }
  };
}
