import fc from "fast-check";
import type { AnySchema } from "../../contracts/define.ts";
import { Id } from "../../contracts/ids.ts";
import { PaymentToken } from "../../contracts/payments/api.ts";
import { Email } from "../../contracts/users/api.ts";
import { plainFirst } from "./choose.ts";
import { nodeOf } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";

/** The fake provider's tokens, less tok_slow: it answers after TWOFOLD_PAYMENT_SLOW_MS, longer than a short run has. */
const PAYMENT_TOKENS = ["tok_visa", "tok_chargeDeclined", "tok_insufficient_funds", "tok_processing_error"];

/** Mostly one of `known`, sometimes anything the schema takes. */
const mostly = (known: readonly string[], schema: AnySchema) =>
  plainFirst({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: validArbitrary(nodeOf(schema)) });

/** Ids and emails of things that exist and tokens the provider knows, so valid requests get past "not found" into the code behind it. */
export function requestHints(fixtureIds: readonly string[], emails: readonly string[]): Hints {
  return new Map<AnySchema, fc.Arbitrary<unknown>>([
    [Id, mostly(fixtureIds, Id)],
    [PaymentToken, mostly(PAYMENT_TOKENS, PaymentToken)],
    [Email, mostly(emails, Email)],
  ]);
}
