import type { JsonSchema } from "@valibot/to-json-schema";
import type { AnySchema, EventContract } from "../../contracts/define.ts";
import { Envelope } from "../../contracts/envelope.ts";
import type { ModuleDefinition } from "../module.ts";
import { DOCUMENT_VERSION, type DocumentInfo, moduleVersions, systemName } from "./info.ts";
import { jsonSchemaOf } from "./json-schema.ts";

type Json = Record<string, unknown>;

const messageId = (type: string, version: number): string => `${type}.v${version}`;
const channelRef = (type: string) => ({ $ref: `#/channels/${type}` });
const messageRef = (type: string, version: number) => ({ $ref: `#/channels/${type}/messages/${messageId(type, version)}` });

/** Every version of an event still on the wire, oldest first: its past shapes, then the current one. */
const versionsOf = (event: EventContract): { version: number; schema: AnySchema }[] => [
  ...(event.past ?? []).map((p) => ({ version: p.version, schema: p.schema })),
  { version: event.version, schema: event.payload },
];

/** What travels: the envelope the bus stamps (the same in memory, over HTTP and in BullMQ jobs) around the payload. */
function enveloped(type: string, version: number, payload: JsonSchema): JsonSchema {
  const envelope = jsonSchemaOf(Envelope, "output", "draft-07");
  return { ...envelope, properties: { ...envelope.properties, type: { const: type }, version: { const: version }, payload } };
}

function message(event: EventContract, version: number, schema: AnySchema): Json {
  const current = version === event.version;
  return {
    name: event.type,
    title: `${event.type} v${version}`,
    summary: current
      ? `Published by ${event.owner}, version ${version}.`
      : `Version ${version}, as an older version of ${event.owner} still writes it; subscribers read it through an upcaster.`,
    contentType: "application/json",
    payload: enveloped(event.type, version, jsonSchemaOf(schema, "output", "draft-07")),
  };
}

/**
 * The AsyncAPI 3.0 description of the events the given modules publish and consume, from the contracts they
 * name: a channel per event type, a message per version still on the wire, an operation per publisher and
 * per subscriber. Delivery is at least once, to each subscribing module's inbox.
 */
export function asyncApiDocument(modules: readonly ModuleDefinition[], info: DocumentInfo = {}): Json {
  const events = new Map<string, EventContract>();
  for (const m of modules) for (const event of [...m.publishes, ...m.events.map((b) => b.contract)]) events.set(event.type, event);
  const channels: Record<string, Json> = {};
  const messages: Record<string, Json> = {};
  for (const event of [...events.values()].sort((a, b) => a.type.localeCompare(b.type))) {
    const versions = versionsOf(event);
    for (const { version, schema } of versions) messages[messageId(event.type, version)] = message(event, version, schema);
    channels[event.type] = {
      address: event.type,
      title: event.type,
      description: `Owned by ${event.owner}; current version ${event.version}.`,
      messages: Object.fromEntries(
        versions.map(({ version }) => [messageId(event.type, version), { $ref: `#/components/messages/${messageId(event.type, version)}` }]),
      ),
    };
  }
  const operations: Record<string, Json> = {};
  for (const m of modules) {
    for (const event of m.publishes) {
      operations[`${m.name}.publishes.${event.type}`] = {
        action: "send",
        channel: channelRef(event.type),
        title: m.name,
        summary: `${m.name} publishes ${event.type} from its outbox, in the transaction of the change it announces.`,
        messages: [messageRef(event.type, event.version)],
      };
    }
    for (const { contract, inbox } of m.events) {
      operations[`${m.name}.consumes.${contract.type}`] = {
        action: "receive",
        channel: channelRef(contract.type),
        title: m.name,
        summary: `${m.name} handles ${contract.type}${inbox ? ", once per message (inbox)" : ", idempotent by itself (no inbox)"}.`,
        messages: versionsOf(contract).map(({ version }) => messageRef(contract.type, version)),
      };
    }
  }
  return {
    asyncapi: "3.0.0",
    info: {
      title: `${systemName(info)} events`,
      version: DOCUMENT_VERSION,
      description: `Domain events between modules: in memory in the monolith, BullMQ on Redis when split; at least once, in an envelope. ${moduleVersions(modules)}`,
    },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { messages },
  };
}
