import fc from "fast-check";
import { CORRELATION_HEADER } from "../../runtime/http/correlation.ts";
import { IDEMPOTENCY_HEADER } from "../../runtime/http/idempotency.ts";
import { OPERATOR_KEY_HEADER } from "../../runtime/secrets.ts";
import { plainFirst } from "./choose.ts";
import type { Part, Ref } from "./part.ts";
import type { Audience, Method, Route } from "./routes.ts";

type Header = readonly [string, Part];

const ref = (name: Ref["ref"]): Ref => ({ ref: name });
const bearerRef: Header = ["authorization", ref("bearer")];
const operatorRef: Header = [OPERATOR_KEY_HEADER, ref("operator")];

/** Credentials that are missing, malformed or simply wrong (header values fetch can send: Latin-1, no control characters). */
const BAD_CREDENTIALS: readonly (readonly Header[])[] = [
  [],
  [["authorization", "Bearer not-a-session"]],
  [["authorization", "Bearer "]],
  [["authorization", `Bearer ${"x".repeat(300)}`]],
  [["authorization", "Basic YWRhOnNlY3JldA=="]],
  [[OPERATOR_KEY_HEADER, "not-the-operator-key"]],
  [[OPERATOR_KEY_HEADER, ""]],
];

/** Who the request claims to be: mostly the credentials its audience needs, sometimes none, the other kind, or bad ones. */
function credentials(audience: Audience): fc.Arbitrary<readonly Header[]> {
  const bad = fc.constantFrom(...BAD_CREDENTIALS);
  const right: Record<Audience, readonly (readonly Header[])[]> = {
    public: [[]],
    customer: [[bearerRef]],
    operator: [[operatorRef]],
    either: [[bearerRef], [operatorRef]],
  };
  const other: Record<Audience, readonly (readonly Header[])[]> = {
    public: [[bearerRef], [operatorRef]],
    customer: [[operatorRef]],
    operator: [[bearerRef]],
    either: [[bearerRef, operatorRef]],
  };
  return plainFirst(
    { weight: 16, arbitrary: fc.constantFrom(...right[audience]) },
    { weight: 2, arbitrary: fc.constantFrom(...other[audience]) },
    { weight: 2, arbitrary: bad },
  );
}

/** Content types: JSON mostly; none at all, other media types, parameters and casing a parser might trip on. */
const contentType: fc.Arbitrary<readonly Header[]> = plainFirst(
  { weight: 8, arbitrary: fc.constant([["content-type", "application/json"]] as const) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<readonly Header[]>(
      [],
      [["content-type", "text/plain"]],
      [["content-type", "application/x-www-form-urlencoded"]],
      [["content-type", "multipart/form-data; boundary=x"]],
      [["content-type", "application/json; charset=utf-16"]],
      [["content-type", "application/merge-patch+json"]],
      [["content-type", "APPLICATION/JSON"]],
      [["content-type", "application/jsonx"]],
      [["content-type", ""]],
      [["content-type", ";;;"]],
    ),
  },
);

/**
 * A fresh key each time it is sent (so a shrunk request is not refused as a reuse of a key its first attempt
 * took); sometimes the same key every time (a replay, or a reuse with another body), none, or one the runtime refuses.
 */
const idempotencyKey: fc.Arbitrary<readonly Header[]> = plainFirst(
  { weight: 8, arbitrary: fc.constant([[IDEMPOTENCY_HEADER, ref("fresh")]] as const) },
  { weight: 1, arbitrary: fc.constant([[IDEMPOTENCY_HEADER, "fz-always-the-same"]] as const) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<readonly Header[]>(
      [],
      [[IDEMPOTENCY_HEADER, ""]],
      [[IDEMPOTENCY_HEADER, "x".repeat(256)]],
      [[IDEMPOTENCY_HEADER, "é"]],
      [[IDEMPOTENCY_HEADER, "a b"]],
    ),
  },
);

const ifMatch: fc.Arbitrary<readonly Header[]> = plainFirst(
  { weight: 5, arbitrary: fc.constant([["if-match", ref("etag")]] as const) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<readonly Header[]>(
      [],
      [["if-match", '"0"']],
      [["if-match", '"999999999"']],
      [["if-match", '"1234567890"']],
      [["if-match", 'W/"1"']],
      [["if-match", "*"]],
      [["if-match", '""']],
    ),
  },
);

/** Correlation ids the runtime must refuse or carry, never choke on. */
const correlation: fc.Arbitrary<readonly Header[]> = plainFirst(
  { weight: 9, arbitrary: fc.constant([]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<readonly Header[]>(
      [[CORRELATION_HEADER, ""]],
      [[CORRELATION_HEADER, "x".repeat(8000)]],
      [[CORRELATION_HEADER, "../../"]],
      [[CORRELATION_HEADER, "é"]],
    ),
  },
);

const none = fc.constant<readonly Header[]>([]);

/** Every header a request for `route` sends with `method`: credentials, content type (with a body), idempotency key, If-Match. */
export function headersArbitrary(route: Route, method: Method): fc.Arbitrary<Header[]> {
  return fc
    .tuple(
      credentials(route.audience),
      method === "GET" ? none : contentType,
      route.idempotent ? idempotencyKey : none,
      route.ifMatch ? ifMatch : none,
      correlation,
    )
    .map((groups) => groups.flat());
}
