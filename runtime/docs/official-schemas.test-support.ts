import specs from "@asyncapi/specs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv } from "ajv";

/** What an official schema said about a document: nothing when it is valid. */
export type Problems = readonly string[];

/** Checks a document against the OpenAPI 3.1 schema (the OpenAPI Initiative's, as the validator ships it). */
export async function openApiProblems(document: object): Promise<Problems> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as Record<string, unknown>);
  if (!result.valid) return typeof result.errors === "string" ? [result.errors] : (result.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  return validator.version === "3.1" ? [] : [`validated as OpenAPI ${validator.version}, not 3.1`];
}

// The AsyncAPI schema carries its own copy of the draft-07 meta-schema, which Ajv would otherwise add too.
// Formats (uri, email) are not checked: the documents use none outside the payload schemas they describe.
const asyncApi = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false, validateFormats: false }).compile(
  specs.schemas["3.0.0"],
);

/** Checks a document against the AsyncAPI 3.0.0 schema of @asyncapi/specs. */
export function asyncApiProblems(document: object): Problems {
  return asyncApi(document) ? [] : (asyncApi.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Every local `$ref` in a document that points at nothing (the official schemas do not follow references). */
export function danglingRefs(document: object): Problems {
  const dangling: string[] = [];
  const resolve = (pointer: string): unknown =>
    pointer
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), document);
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && (!ref.startsWith("#/") || resolve(ref) === undefined)) dangling.push(ref);
    for (const child of Object.values(node)) walk(child);
  };
  walk(document);
  return dangling;
}
