import { clock } from "../../clock.ts";
import { currentContext, newId, runInContext } from "../context.ts";

/**
 * A request forwarded from one process to another (the gateway to a service) carries the time its sender still
 * waits in this header, in milliseconds; the receiving process runs the request with that deadline.
 */
export const DEADLINE_HEADER = "x-twofold-time-left-ms";

/** The deadline the work at hand runs under (runtime clock, ms since the epoch); undefined when none. */
export const currentDeadline = (): number | undefined => currentContext()?.deadline;

/** Runs `work` with `deadline` (never later than the one it runs under already) as the deadline of every call it makes. */
export function withDeadline<T>(deadline: number, work: () => T): T {
  const context = currentContext();
  const earliest = Math.min(deadline, context?.deadline ?? deadline);
  return runInContext({ ...(context ?? { correlationId: newId(), causationId: null }), deadline: earliest }, work);
}

/** The milliseconds left until `deadline` on the runtime clock, at least 0. */
export const timeLeft = (deadline: number, now = clock.nowMs()): number => Math.max(0, Math.floor(deadline - now));

/** The header a forwarding hop sends: the time the work at hand has left, or nothing when it has no deadline. */
export function deadlineHeaders(now = clock.nowMs()): Record<string, string> {
  const deadline = currentDeadline();
  return deadline === undefined ? {} : { [DEADLINE_HEADER]: String(timeLeft(deadline, now)) };
}

/** The deadline a received request's header gives, on this process's clock; undefined when absent or not a whole number of ms. */
export function deadlineFromHeader(value: string | undefined, now = clock.nowMs()): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  return now + Number(value);
}
