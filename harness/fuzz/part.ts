/** A value only known when the request is sent: the fuzzer's current session, its id, the operator key, the cart's ETag, a new idempotency key. */
export interface Ref {
  readonly ref: "bearer" | "session" | "operator" | "etag" | "fresh";
}

/** A piece of a generated request: literal text, or a value resolved when it is sent. */
export type Part = string | Ref;
