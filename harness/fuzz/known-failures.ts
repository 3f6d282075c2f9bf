import type { FuzzRequest } from "./request.ts";
import type { Problem } from "./verdict.ts";

/** A class of failure the fuzzer finds that is known and being fixed: the fixed-seed run passes over it meanwhile. */
export interface KnownFailure {
  readonly name: string;
  /** The finding's route ("POST /api/v1/products", "event inventory.received → products"); any route when absent. */
  readonly route?: string | RegExp;
  /** Any status when absent (dead letters have none). */
  readonly status?: number;
  readonly kind: Problem["kind"];
  /** Which requests fail this way; every one on the route when absent (and always for dead letters). */
  readonly when?: (request: FuzzRequest) => boolean;
}

const inBody = (pattern: RegExp) => (request: FuzzRequest) => pattern.test(request.body?.text ?? "");
const inPath = (pattern: RegExp) => (request: FuzzRequest) => request.path.some((part) => typeof part === "string" && pattern.test(part));
const INT4_MAX = 2 ** 31 - 1;
const priceOverInt4 = (request: FuzzRequest) => {
  try {
    const price = JSON.parse(request.body?.text ?? "")?.price;
    return typeof price === "number" && Math.round(price * 100) > INT4_MAX;
  } catch {
    return false;
  }
};

/**
 * Failures the fuzzer found that are being fixed right now, elsewhere: each entry hides its class from the
 * fixed-seed run in `bun run test` (the report still lists them as known). Empty it as the fixes land.
 */
export const knownFailures: readonly KnownFailure[] = [
  { name: "NUL in a path or query parameter reaches Postgres", kind: "server_error", status: 500, when: (r) => inPath(/%00/)(r) || r.query.includes("%00") },
  { name: "NUL in a JSON string reaches Postgres", kind: "server_error", status: 500, when: inBody(/\\u0000/) },
  { name: "a lone surrogate in a JSON string reaches a jsonb column", kind: "server_error", status: 500, when: inBody(/\\ud[89a-f][0-9a-f]{2}/i) },
  { name: "a price over 21474836.47 overflows products.price_cents (int4)", kind: "server_error", status: 500, when: priceOverInt4 },
  // Depends on the cart the earlier requests filled, not on this request: every 500 of a checkout falls under it.
  { name: "a cart total over 21474836.47 overflows the order's cents (int4)", kind: "server_error", route: "POST /api/v1/checkout", status: 500 },
  { name: "stock over 2147483647 overflows the catalogue's read model (products.inventory, int4)", kind: "dead_letter", route: /^event inventory\.\w+ → products$/ },
];

export function knownFailureOf(route: string, problem: Problem, request?: FuzzRequest): KnownFailure | undefined {
  return knownFailures.find(
    (k) =>
      k.kind === problem.kind &&
      (k.route === undefined || (typeof k.route === "string" ? k.route === route : k.route.test(route))) &&
      (k.status === undefined || k.status === problem.status) &&
      (k.when === undefined || (request !== undefined && k.when(request))),
  );
}
