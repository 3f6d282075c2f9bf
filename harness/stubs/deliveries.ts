import type { ConsumerContract, EventInteraction, EventUse } from "../../contracts/consumer.ts";
import type { Envelope } from "../../contracts/envelope.ts";
import { TAP } from "../../runtime/observation/tap-subscriber.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import type { Component } from "./component.ts";

/**
 * Delivers an interaction's event to the component, waits until it is handled, and answers the envelope as
 * the event tap saw it, so a test can deliver that very message again.
 */
export async function deliver(component: Component, use: EventUse, interaction: EventInteraction): Promise<Envelope> {
  await component.client.events.fromNow();
  await component.receive(use, interaction);
  const envelope = await component.client.events.expect(use.contract.type);
  await component.client.idle();
  return envelope;
}

/**
 * Delivers an envelope once more, as at-least-once transports may, and waits until it is handled; the trace
 * must show the module received it a second time, so "one effect" afterwards means the inbox held.
 */
export async function redeliver(component: Component, envelope: Envelope): Promise<void> {
  const { status, body } = await component.client.http.post("/__twofold/redeliver", { event_id: envelope.id });
  if (status !== 202) throw new Error(`redelivery of ${envelope.type} answered ${status}: ${JSON.stringify(body)}`);
  await component.client.idle();
  const { body: traced } = await component.client.http.get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${envelope.correlationId}`);
  const deliveries = traced.trace.filter((t) => t.kind === "delivery" && t.messageId === envelope.id && t.to !== TAP && t.outcome === "ok");
  if (deliveries.length < 2) throw new Error(`${envelope.type} ${envelope.id} was not delivered twice: ${JSON.stringify(deliveries)}`);
}

/** The use of an event in a consumer contract, by the event's type. */
export function eventUse(contract: ConsumerContract, type: string): EventUse {
  const use = contract.uses.find((u): u is EventUse => u.kind === "event" && u.contract.type === type);
  if (!use) throw new Error(`${contract.consumer}'s contract does not consume ${type}`);
  return use;
}
