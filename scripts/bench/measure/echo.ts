import type { Envelope } from "../../../contracts/envelope.ts";
import type { CallHandler } from "../../../runtime/bus/bus.ts";
import { Say } from "../../../runtime/bus/conformance/contracts.ts";
import type { Hosted } from "../../../runtime/bus/conformance/deployments.ts";
import { newId } from "../../../runtime/bus/context.ts";

/** The bus conformance suite's echo service answering `echo.say` only: the call the bus metrics make. */
export const SAY_REQUEST = { text: "hello" };
const SAY_REPLY = { text: "hello", correlation_id: "c", causation_id: null };

const say: CallHandler = async () => SAY_REPLY;
export const echoOnly: Hosted = { calls: new Map([["echo", new Map([[Say.name, say]])]]), events: new Map() };

/** An envelope as the bus writes one, for floors that must move the same bytes as a call. */
const envelopeOf = (type: string, payload: unknown): Envelope => {
  const id = newId();
  return { id, type, version: 1, occurredAt: new Date().toISOString(), correlationId: id, causationId: null, source: "pinger", payload };
};

export const SAY_BYTES = {
  request: JSON.stringify(envelopeOf(Say.name, SAY_REQUEST)),
  reply: JSON.stringify(envelopeOf(`${Say.name}.reply`, SAY_REPLY)),
};
