import fc from "fast-check";
import { Id } from "../../contracts/ids.ts";
import type { ParamKind } from "./annotations.ts";
import { plainFirst } from "./choose.ts";
import { percentEncode } from "./encode.ts";
import type { Part } from "./part.ts";
import type { Route } from "./routes.ts";
import { nodeOf } from "./schema-node.ts";
import { type Hints, validArbitrary } from "./valid.ts";
import type { Fixtures } from "./world.ts";

/** Path parameters as written into the URL, undecoded: NUL, traversal, encoded slashes, bad escapes, very long, unicode. */
const ODD_IDS = [
  "%00",
  "..",
  "%2e%2e",
  "%2F",
  "a%2Fb",
  "%",
  "%ZZ",
  "%ED%A0%80",
  "%C3%A9%E6%BC%A2",
  "%20",
  "null",
  "undefined",
  "__proto__",
  "-1",
  "0",
  "1e308",
  "x".repeat(65),
  "x".repeat(5000),
];

function param(kind: ParamKind | undefined, hints: Hints, fixtures: Fixtures): fc.Arbitrary<Part> {
  const fixture = kind === "session" ? fc.constant<Part>({ ref: "session" }) : fc.constant<Part>((kind && fixtures[kind]) ?? "no-such-fixture");
  const anyId = validArbitrary(nodeOf(Id), hints).map((id) => percentEncode(String(id)));
  return plainFirst({ weight: 5, arbitrary: fixture }, { weight: 2, arbitrary: anyId }, { weight: 3, arbitrary: fc.constantFrom(...ODD_IDS) });
}

/** The route's template with each parameter filled: usually a fixture of the right kind, often something odd. */
export function pathArbitrary(route: Route, hints: Hints, fixtures: Fixtures): fc.Arbitrary<Part[]> {
  const pieces = route.path.split(/(:\w+)/).filter((piece) => piece !== "");
  return fc.tuple(
    ...pieces.map((piece) => (piece.startsWith(":") ? param(route.params?.[piece.slice(1)], hints, fixtures) : fc.constant<Part>(piece))),
  );
}
