import { defineEntity, p } from "@mikro-orm/core";
import type { Envelope } from "../../contracts/envelope.ts";

/**
 * Events waiting to be relayed, written in the same transaction as the state change that caused them. One
 * table in every module's own schema; ids are UUIDv7, so id order is write order.
 */
const makeOutbox = (schema: string) =>
  defineEntity({
    name: "OutboxMessage",
    tableName: "outbox",
    schema,
    properties: {
      id: p.string().primary(),
      type: p.string(),
      envelope: p.json<Envelope>(),
      createdAt: p.datetime(),
    },
  });

/** Ids of the events a module has handled, written in the same transaction as the handler's effect. */
const makeInbox = (schema: string) =>
  defineEntity({
    name: "InboxMessage",
    tableName: "inbox",
    schema,
    properties: {
      messageId: p.string().primary(),
      type: p.string(),
      handledAt: p.datetime(),
    },
  });

/** Idempotency keys a module has seen, with the response to replay (see idempotency.ts). */
const makeIdempotencyKeys = (schema: string) =>
  defineEntity({
    name: "IdempotencyKey",
    tableName: "idempotency_keys",
    schema,
    properties: {
      scope: p.string().primary(),
      key: p.string().primary(),
      fingerprint: p.string(),
      state: p.string(),
      responseStatus: p.integer().nullable(),
      responseBody: p.json<unknown>().nullable(),
      lockedUntil: p.datetime(),
      /** The process running it while in progress: a restarted process takes back only its own keys. */
      lockedBy: p.string().nullable(),
      createdAt: p.datetime(),
    },
  });

/** MikroORM knows an entity by its schema object, so each module's outbox and inbox are made exactly once. */
const memo = <T>(make: (schema: string) => T) => {
  const made = new Map<string, T>();
  return (schema: string): T => {
    let entity = made.get(schema);
    if (!entity) made.set(schema, (entity = make(schema)));
    return entity;
  };
};

export const outboxEntity = memo(makeOutbox);
export const inboxEntity = memo(makeInbox);
export const idempotencyEntity = memo(makeIdempotencyKeys);
