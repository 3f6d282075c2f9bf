import type { JsonSchema } from "@valibot/to-json-schema";
import type { AnySchema } from "../../contracts/define.ts";
import { ErrorBody, type ErrorCode, errorStatus } from "../../contracts/errors.ts";
import type { Credential } from "../http/guard.ts";
import { IDEMPOTENCY_HEADER } from "../http/idempotency.ts";
import type { ModuleDefinition } from "../module.ts";
import { OPERATOR_KEY_HEADER } from "../secrets.ts";
import { type DescribedRoute, describeModules, templateParams } from "./described.ts";
import { DOCUMENT_VERSION, type DocumentInfo, moduleVersions, systemName } from "./info.ts";
import { jsonSchemaOf } from "./json-schema.ts";

/** Where every module's routes are mounted (runtime/host/boot.ts). */
export const API_PREFIX = "/api/v1";

type Json = Record<string, unknown>;

const ERROR_REF = { $ref: "#/components/schemas/ErrorBody" };

const securitySchemes: Record<Credential, Json> = {
  session: { type: "http", scheme: "bearer", description: "A customer's session: the `token` POST /api/v1/auth/login answers." },
  operator: { type: "apiKey", in: "header", name: OPERATOR_KEY_HEADER, description: "The deployment's operator key (TWOFOLD_OPERATOR_KEY)." },
};

/** What a guard answers when it does not admit a request. */
const refusedBy: Record<Credential, ErrorCode> = { session: "unauthenticated", operator: "operator_key_required" };

const BODY_ERRORS: readonly ErrorCode[] = ["invalid_json", "validation_failed", "unsupported_media_type", "payload_too_large"];
const IDEMPOTENCY_ERRORS: readonly ErrorCode[] = [
  "idempotency_key_required",
  "validation_failed",
  "idempotency_key_reused",
  "idempotency_key_in_progress",
];

const STATUS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content" };

const request = (schema: AnySchema): JsonSchema => jsonSchemaOf(schema, "input", "draft-2020-12");
const response = (schema: AnySchema): JsonSchema => jsonSchemaOf(schema, "output", "draft-2020-12");

/** `/orders/:id` as OpenAPI writes it, under the API prefix. */
const openApiPath = (template: string): string => `${API_PREFIX}${template.replace(/:(\w+)/g, "{$1}")}`;

const operationId = (route: DescribedRoute): string => `${route.module}_${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+/g, "_")}`;

/** Every guard must admit, each by any one of its credentials: the alternatives, each a set of credentials to send together. */
function requirements(route: DescribedRoute): Json[] {
  const alternatives = route.guards.reduce<Credential[][]>(
    (alts, accepts) => alts.flatMap((alt) => accepts.map((c) => [...new Set([...alt, c])])),
    [[]],
  );
  return route.guards.length === 0 ? [] : alternatives.map((alt) => Object.fromEntries(alt.map((c) => [c, []])));
}

/** The codes a route may answer with: its own, and those of its guards, inputs and idempotency key. */
function errorCodes(route: DescribedRoute): ErrorCode[] {
  const { endpoint } = route;
  return [
    ...new Set([
      ...(endpoint.body ? BODY_ERRORS : []),
      ...(endpoint.query || endpoint.params ? (["validation_failed"] as const) : []),
      ...route.guards.flat().map((c) => refusedBy[c]),
      ...(endpoint.idempotent ? IDEMPOTENCY_ERRORS : []),
      ...(endpoint.errors ?? []),
    ]),
  ];
}

function parameters(route: DescribedRoute): Json[] {
  const { endpoint } = route;
  const path = templateParams(route.path).map((name) => ({
    name,
    in: "path",
    required: true,
    schema: request(endpoint.params?.[name] as AnySchema),
  }));
  const query = endpoint.query ? request(endpoint.query) : undefined;
  if (query && query.type !== "object") throw new Error(`${route.method} ${route.path}: a query is described by an object schema`);
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: (query?.required ?? []).includes(name),
    schema,
  }));
  const headers = Object.entries(endpoint.headers ?? {}).map(([name, description]) => ({
    name,
    in: "header",
    required: true,
    description,
    schema: { type: "string" },
  }));
  const idempotency = endpoint.idempotent
    ? [
        {
          name: IDEMPOTENCY_HEADER,
          in: "header",
          required: true,
          description:
            "The same key and body replay the stored answer (Idempotent-Replayed: true); another body is 422, a request still running 409.",
          schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,255}$" },
        },
      ]
    : [];
  return [...path, ...queryParams, ...headers, ...idempotency];
}

function responses(route: DescribedRoute): Json {
  const { endpoint } = route;
  const replayed = endpoint.idempotent
    ? {
        headers: {
          "Idempotent-Replayed": {
            description: "true when this is the stored answer of an earlier request with the same key",
            schema: { type: "string" },
          },
        },
      }
    : {};
  const answers: Json = {};
  for (const [status, schema] of Object.entries(endpoint.responses)) {
    const content = schema ? { content: { "application/json": { schema: response(schema) } } } : {};
    answers[status] = { description: STATUS_TEXT[Number(status)] ?? status, ...content, ...replayed };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(route)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const retry = codes.includes("rate_limited")
      ? { headers: { "Retry-After": { description: "seconds until the limit's window ends", schema: { type: "integer" } } } }
      : {};
    answers[String(status)] = {
      description: codes.map((c) => `\`${c}\``).join(", "),
      content: { "application/json": { schema: ERROR_REF } },
      ...retry,
    };
  }
  return answers;
}

function operation(route: DescribedRoute): Json {
  const { endpoint } = route;
  const security = requirements(route);
  return {
    operationId: operationId(route),
    tags: [route.module],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    parameters: parameters(route),
    ...(endpoint.body
      ? { requestBody: { required: !endpoint.bodyMayBeEmpty, content: { "application/json": { schema: request(endpoint.body) } } } }
      : {}),
    responses: responses(route),
    ...(security.length > 0 ? { security } : {}),
  };
}

/** The OpenAPI 3.1 description of the public routes of the given modules, from what their routes declare. */
export function openApiDocument(modules: readonly ModuleDefinition[], info: DocumentInfo = {}): Json {
  const paths: Record<string, Json> = {};
  for (const route of describeModules(modules).routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: `${systemName(info)} API`,
      version: DOCUMENT_VERSION,
      description:
        `JSON, snake_case. Customers act through a session (\`Authorization: Bearer <token>\` from /auth/login); the operator API needs the deployment's key in \`${OPERATOR_KEY_HEADER}\`. ` +
        `Every error is \`{ error: { code, message, details? } }\`. ${moduleVersions(modules)}`,
    },
    tags: modules.map((m) => ({ name: m.name, description: `The ${m.name} module, version ${m.version}.` })),
    paths,
    components: { schemas: { ErrorBody: response(ErrorBody) }, securitySchemes },
  };
}
