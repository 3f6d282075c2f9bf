import type { ErrorCode } from "../../contracts/errors.ts";

/**
 * What a path parameter names: one of the fuzzer's own fixtures of that kind (it also tries any other id);
 * "session" is the fuzzer's live session. A system's fuzz target names its kinds.
 */
export type ParamKind = string;

/** What the fuzzer needs to know of a route that its description (runtime/docs/described.ts) cannot say. */
export interface Annotation {
  /** The fixture kind of each path parameter: every parameter of every route has one (routes.test.ts). */
  readonly params?: Readonly<Record<string, ParamKind>>;
  /** A success signs the fuzzer's own session out. */
  readonly endsSession?: true;
  /** Query parameters the route refuses together (a check across fields its schema holds but cannot describe): a valid query keeps the first of each group it has. */
  readonly exclusive?: readonly (readonly string[])[];
  /** 5xx codes this route answers by design (the fake provider's retryable failure). */
  readonly by5xxDesign?: readonly ErrorCode[];
}
