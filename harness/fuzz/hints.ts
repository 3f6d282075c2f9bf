import fc from "fast-check";
import type { AnySchema } from "../../contracts/define.ts";
import { Id } from "../../contracts/ids.ts";
import { plainFirst } from "./choose.ts";
import { nodeOf } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";
import type { World } from "./world.ts";

/** Mostly one of `known`, sometimes anything the schema takes. */
export const mostly = (known: readonly string[], schema: AnySchema) =>
  plainFirst({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: validArbitrary(nodeOf(schema)) });

/** The world's fixture ids for every `Id`, so valid requests get past "not found" into the code behind it; a target adds its own hints. */
export const fixtureHints = (world: World, more: readonly (readonly [AnySchema, fc.Arbitrary<unknown>])[] = []): Hints =>
  new Map<AnySchema, fc.Arbitrary<unknown>>([
    [
      Id,
      mostly(
        Object.values(world.fixtures).filter((id) => id !== undefined),
        Id,
      ),
    ],
    ...more,
  ]);
