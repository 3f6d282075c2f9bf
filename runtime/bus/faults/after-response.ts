import { openRequests } from "../open-requests.ts";
import { defineFault } from "./model.ts";

export interface AfterResponseFault {
  readonly kind: "after-response";
}

/**
 * An event published while a request is being answered is handed to the channel only once that request has
 * been answered in this process: the order a network makes likely, made certain. Code that publishes and then
 * reads what a subscriber did, within the same request, reads it too early on every run — not only on runs
 * whose timing happens to lose the race. Redeliveries are not held: whoever asks for one waits for it.
 */
export const afterResponseFault = defineFault<AfterResponseFault>({
  kind: "after-response",
  syntax: "after-response",
  description: "a request's events are dispatched only after it is answered",
  parse: (part) => (part === "after-response" ? { kind: "after-response" } : undefined),
  format: () => "after-response",
  key: () => "after-response",
  effects: () => ({
    dispatch: (next) => async (envelope, subscribers, options) => {
      if (!options?.redelivery) await openRequests.closed(envelope.correlationId);
      return next(envelope, subscribers, options);
    },
  }),
});
