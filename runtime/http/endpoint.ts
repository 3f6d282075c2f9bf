import type { Context, Handler } from "hono";
import type * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import type { ErrorCode } from "../../contracts/errors.ts";
import { AppError } from "../errors.ts";
import { readBody } from "./body.ts";
import { readParam, readParams, readQuery } from "./params.ts";

type Schemas = Readonly<Record<string, AnySchema>>;
type Output<S> = S extends AnySchema ? v.InferOutput<S> : never;

/** What a route answers when it succeeds, by status: its body's schema, or null for no body (204). */
type SuccessResponses = Readonly<Partial<Record<200 | 201 | 202 | 204, AnySchema | null>>>;

/**
 * What a handler reads of its request, each part validated against the schema its description declares and
 * read when the handler asks for it, so it still decides what comes first (a rate limit before the body).
 */
interface EndpointInput<B, Q, P> {
  body(): Promise<Output<B>>;
  query(): Output<Q>;
  param<K extends keyof P & string>(name: K): Output<P[K]>;
}

/** One method of a route, described: the API description (runtime/docs) is generated from exactly this. */
export interface EndpointSpec<B extends AnySchema, Q extends AnySchema, P extends Schemas> {
  readonly summary: string;
  readonly description?: string;
  /** The JSON body (readBody's rules). */
  readonly body?: B;
  /** An empty body reads as `{}` (every field optional or defaulted). */
  readonly bodyMayBeEmpty?: true;
  /** The query string (readQuery's rules): an object schema of strings. */
  readonly query?: Q;
  /** Each path parameter of the route's template. */
  readonly params?: P;
  /** Request headers the handler reads besides credentials, by name: what each carries. All are required. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Runs under an Idempotency-Key (runtime/http/idempotency.ts). */
  readonly idempotent?: true;
  readonly responses: SuccessResponses;
  /** Codes the handler itself may answer with; those of its guards, inputs and idempotency are added from them. */
  readonly errors?: readonly ErrorCode[];
  readonly handle: (c: Context, input: EndpointInput<B, Q, P>) => Response | Promise<Response>;
}

/** A described endpoint as the runtime keeps it, whatever its schemas. */
export type Endpoint = Omit<EndpointSpec<AnySchema, AnySchema, Schemas>, "handle">;

const described = new WeakMap<Handler, Endpoint>();

const declared = <S>(schema: S | undefined, what: string): S => {
  if (schema === undefined) throw new AppError("internal", `the handler reads ${what}, which its endpoint does not declare`);
  return schema;
};

function inputOf(c: Context, spec: Endpoint): EndpointInput<AnySchema, AnySchema, Schemas> {
  return {
    body: async () => {
      const schema = declared(spec.body, "a body");
      if (spec.bodyMayBeEmpty && (await c.req.text()).trim() === "") return readParams({}, schema);
      return readBody(c, schema);
    },
    query: () => readQuery(c, declared(spec.query, "a query")),
    param: (name) => readParam(c, name, declared(spec.params?.[name], `the path parameter ${name}`)),
  };
}

/** A route handler with its description; register it with `resource`, and the API description lists it. */
export function endpoint<B extends AnySchema = never, Q extends AnySchema = never, P extends Schemas = Record<never, never>>(
  spec: EndpointSpec<B, Q, P>,
): Handler {
  const { handle, ...description } = spec;
  const erased = description as Endpoint;
  const handler: Handler = (c) => handle(c, inputOf(c, erased) as unknown as EndpointInput<B, Q, P>);
  described.set(handler, erased);
  return handler;
}

/** The description of a handler registered on an app, when it is an endpoint. */
export const endpointOf = (handler: unknown): Endpoint | undefined => described.get(handler as Handler);
