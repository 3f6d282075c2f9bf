import * as v from "valibot";

/**
 * The part of the Pact V4 file format this exporter writes, as a schema to validate its output against.
 * Mirrors the V4 JSON schema of pactflow/pact-schemas (dist/pact-schema-v4.json): interactions and bodies
 * admit no unknown keys; a body carries content, contentType, contentTypeHint and encoded.
 */
const Matcher = v.union([
  v.strictObject({ match: v.literal("type"), min: v.optional(v.number()), max: v.optional(v.number()) }),
  v.strictObject({ match: v.literal("regex"), regex: v.string() }),
  v.strictObject({ match: v.literal("null") }),
  v.strictObject({ match: v.literal("integer") }),
]);

const Matchers = v.strictObject({ combine: v.optional(v.picklist(["AND", "OR"])), matchers: v.array(Matcher) });
const BodyRules = v.record(v.pipe(v.string(), v.regex(/^\$/)), Matchers);
const Generator = v.union([v.strictObject({ type: v.literal("Uuid") }), v.strictObject({ type: v.literal("DateTime"), format: v.string() })]);

const Body = v.strictObject({
  content: v.unknown(),
  contentType: v.string(),
  contentTypeHint: v.picklist(["BINARY", "TEXT"]),
  encoded: v.union([v.boolean(), v.string()]),
});

const Headers = v.record(v.string(), v.array(v.string()));
const ProviderStates = v.array(v.object({ name: v.string(), params: v.optional(v.record(v.string(), v.unknown())) }));
const Comments = v.object({ text: v.optional(v.array(v.string())), testname: v.optional(v.string()) });

const common = {
  description: v.string(),
  key: v.optional(v.string()),
  pending: v.optional(v.boolean()),
  providerStates: v.optional(ProviderStates),
  comments: v.optional(Comments),
};

export const SynchronousHttp = v.strictObject({
  ...common,
  type: v.literal("Synchronous/HTTP"),
  request: v.strictObject({
    method: v.picklist(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    path: v.string(),
    headers: v.optional(Headers),
    body: v.optional(Body),
    matchingRules: v.optional(v.strictObject({ body: v.optional(BodyRules) })),
    generators: v.optional(v.strictObject({ body: v.optional(v.record(v.pipe(v.string(), v.regex(/^\$/)), Generator)) })),
  }),
  response: v.strictObject({
    status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)),
    headers: v.optional(Headers),
    body: v.optional(Body),
    matchingRules: v.optional(v.strictObject({ body: v.optional(BodyRules) })),
  }),
});

export const AsynchronousMessages = v.strictObject({
  ...common,
  type: v.literal("Asynchronous/Messages"),
  contents: Body,
  metadata: v.optional(v.record(v.string(), v.unknown())),
  matchingRules: v.optional(v.strictObject({ body: BodyRules })),
});

export const PactV4File = v.object({
  consumer: v.object({ name: v.string() }),
  provider: v.object({ name: v.string() }),
  interactions: v.array(v.union([SynchronousHttp, AsynchronousMessages])),
  metadata: v.looseObject({ pactSpecification: v.object({ version: v.literal("4.0") }) }),
});

export type PactV4 = v.InferOutput<typeof PactV4File>;
export type PactInteraction = PactV4["interactions"][number];
export type BodyMatchingRules = v.InferOutput<typeof BodyRules>;
export type PactMatchers = v.InferOutput<typeof Matchers>;
