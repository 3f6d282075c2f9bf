import type { Context } from "hono";
import * as v from "valibot";
import type { AnySchema } from "../../contracts/define.ts";
import { validate } from "./validation.ts";

const MESSAGE = "request parameters are invalid";

/** Validates parameters the same way as bodies (the same string rule, the same bounded details). */
export const readParams = <S extends AnySchema>(value: unknown, schema: S): v.InferOutput<S> => validate(value, schema, MESSAGE);

/** One path parameter, its issues under its own name (`id`, not the root). */
export function readParam<S extends AnySchema>(c: Context, name: string, schema: S): v.InferOutput<S> {
  return readParams({ [name]: c.req.param(name) }, v.object({ [name]: schema }))[name];
}

/** The query string (the first value of each key); keys the schema does not name are dropped, but checked too. */
export const readQuery = <S extends AnySchema>(c: Context, schema: S): v.InferOutput<S> => readParams(c.req.query(), schema);
