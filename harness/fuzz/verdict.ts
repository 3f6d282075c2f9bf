import * as v from "valibot";
import { ErrorBody, errorStatus } from "../../contracts/errors.ts";
import type { HttpResult } from "../system/http.ts";
import type { Route } from "./routes.ts";

/** What went wrong with one request, in a form a known failure can be matched against. */
export interface Problem {
  readonly kind: "server_error" | "envelope" | "state" | "no_response" | "dead_letter";
  readonly status?: number;
  readonly code?: string;
  readonly message: string;
}

const codeOf = (body: unknown): string | undefined => (v.is(ErrorBody, body) ? body.error.code : undefined);

/**
 * The response's own faults: a 5xx the route does not answer by design, and any non-2xx that is not the one
 * error envelope with a known code and the status that code travels with.
 */
export function verdict(route: Route, result: HttpResult): Problem | undefined {
  const { status, body } = result;
  const code = codeOf(body);
  const shown = JSON.stringify(body)?.slice(0, 300);
  if (status >= 500 && !(code && route.by5xxDesign?.includes(code as never))) {
    return { kind: "server_error", status, code, message: `${status} ${code ?? "(no error code)"}: ${shown}` };
  }
  if (status >= 200 && status < 300) return undefined;
  if (!code) return { kind: "envelope", status, message: `${status} without the error envelope: ${shown}` };
  const expected = (errorStatus as Record<string, number>)[code];
  if (expected === undefined) return { kind: "envelope", status, code, message: `${status} with a code contracts/errors.ts does not know: ${code}` };
  if (expected !== status) return { kind: "envelope", status, code, message: `${status} with ${code}, which travels with ${expected}` };
  return undefined;
}
