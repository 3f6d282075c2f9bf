import type { ParamKind } from "./annotations.ts";
import type { Part } from "./part.ts";

/** Fixture ids by the kind of path parameter they fill (all but the session, which changes). */
export type Fixtures = Readonly<Partial<Record<ParamKind, string>>>;

/**
 * What the fuzzer creates before it starts (a system's fuzz target makes it), so requests reach past "not
 * found": fixtures to name in paths, a customer with a live session.
 */
export interface World {
  readonly fixtures: Fixtures;
  readonly customerEmail: string;
  resolve(part: Part): Promise<string>;
  /** A success on a route that ends sessions signed the customer out: sign in again. */
  renewSession(): Promise<void>;
}
