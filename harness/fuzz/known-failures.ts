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

/**
 * Failures the fuzzer finds that are known and being fixed elsewhere: each entry hides its class from the
 * fixed-seed run in `bun run test` (the report still lists them as known). Empty: the classes found so far
 * (NUL and lone surrogates reaching Postgres, int4 columns narrower than their contracts) are fixed.
 */
const knownFailures: readonly KnownFailure[] = [];

export function knownFailureOf(route: string, problem: Problem, request?: FuzzRequest): KnownFailure | undefined {
  return knownFailures.find(
    (k) =>
      k.kind === problem.kind &&
      (k.route === undefined || (typeof k.route === "string" ? k.route === route : k.route.test(route))) &&
      (k.status === undefined || k.status === problem.status) &&
      (k.when === undefined || (request !== undefined && k.when(request))),
  );
}
