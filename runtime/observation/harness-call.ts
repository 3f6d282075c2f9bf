import type { ErrorBody } from "../../contracts/errors.ts";
import type { Bus } from "../bus/bus.ts";
import { toAppError } from "../errors.ts";

/** A call made for the harness as module `from`, answered with the reply or the error body (never thrown). */
export async function harnessCall(
  bus: Bus,
  from: string,
  name: string,
  request: unknown,
): Promise<{ reply: unknown } | { error: ErrorBody["error"] }> {
  try {
    return { reply: await bus.call(from, bus.catalog.call(name), request as never) };
  } catch (error) {
    return { error: toAppError(error).toBody().error };
  }
}
