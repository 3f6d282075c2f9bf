import type { ActionDefinition } from "./action.ts";
import { clock } from "./clock.ts";
import { databaseQuery } from "./database-query.ts";
import { delay } from "./delay.ts";
import { event } from "./event.ts";
import { events } from "./events.ts";
import { httpRequest } from "./http-request.ts";
import { idle } from "./idle.ts";
import { kafkaConsumer } from "./kafka-consumer.ts";
import { parallel } from "./parallel.ts";
import { sql } from "./sql.ts";
import { waitUntil } from "./wait-until.ts";

/** Every action a flow step may name; the last two are TestMesh's, so a seed's flow runs as written. */
export const actions: ReadonlyMap<string, ActionDefinition> = new Map(
  [httpRequest, event, events, sql, waitUntil, delay, idle, parallel, clock, kafkaConsumer, databaseQuery].map((action) => [action.name, action]),
);
