import { EventEmitter } from "node:events";

/**
 * The floor of an in-process call: a request handed to a listener through node:events, the reply coming back
 * through a promise, as the caller of an asynchronous call awaits it.
 */
export function emitterRoundTrip(): () => Promise<unknown> {
  const emitter = new EventEmitter();
  emitter.on("say", (request: { text: string }, reply: (value: unknown) => void) => reply({ text: request.text }));
  return () => new Promise((resolve) => emitter.emit("say", { text: "hello" }, resolve));
}
