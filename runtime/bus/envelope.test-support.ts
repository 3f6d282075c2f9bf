import type { Envelope } from "../../contracts/envelope.ts";

/** A well-formed envelope for a test, of no real contract unless told: fresh id, now, conversation "c". */
export const testEnvelope = (fields: Partial<Envelope> = {}): Envelope => ({
  id: crypto.randomUUID(),
  type: "t.happened",
  version: 1,
  occurredAt: new Date().toISOString(),
  correlationId: "c",
  causationId: null,
  source: "t",
  payload: {},
  ...fields,
});
