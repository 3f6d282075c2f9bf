import { AppError } from "../../errors.ts";
import { MODULE } from "./grammar.ts";
import { defineFault, type FaultSite } from "./model.ts";

/**
 * Where on a message's path the process stops:
 * - `after-handler`: a subscriber's handler has committed its effect (and its inbox row), the delivery is not
 *   acknowledged yet — the broker redelivers it, and the inbox must make the second delivery a no-op;
 * - `after-reply`: a call's reply has reached its caller, which has not recorded it (a saga step that
 *   succeeded, not yet written down) — the caller's work is resumed and must make the call again safely;
 * - `before-relay`: a publisher's state change and its outbox row have committed, the event is not yet handed
 *   to the broker — the outbox relay must publish it after the restart;
 * - `before-commit`: a subscriber's handler has written its effect and its inbox row, not committed yet — the
 *   database rolls it all back (nothing half-written), and the redelivery does the effect once.
 */
const points = ["after-handler", "after-reply", "before-relay", "before-commit"] as const;
type CrashPoint = (typeof points)[number];

export interface CrashFault {
  readonly kind: "crash";
  readonly point: CrashPoint;
  readonly module: string;
  /** Only at a message of this type (the call's name, the event's type); unset, at the first one. */
  readonly type?: string;
}

/**
 * Stops the process once, at a named point of one module's message path, then lets it run again. Where a
 * supervisor restarts the process (split: TWOFOLD_SUPERVISED), it is a real SIGKILL and the restarted
 * process resumes from its database and the broker; in one process the crash is simulated by losing what was
 * in flight at that point (the delivery's ack, the caller's reply, the dispatch), which the runtime must then
 * redo the way a restart would. Add it while the system runs (`sys.faults`): set at start, every restarted
 * process would crash again.
 */
export const crashFault = defineFault<CrashFault>({
  kind: "crash",
  syntax: `crash:<${points.join("|")}>:<module>[:<type>]`,
  description: "the process stops once at that point of <module>'s message path (SIGKILL when supervised), then runs on",
  parse: (part) => {
    const match = new RegExp(`^crash:(${points.join("|")}):${MODULE}(?::([a-z][a-z0-9_.-]*))?$`).exec(part);
    if (!match?.[1] || !match[2]) return undefined;
    return { kind: "crash", point: match[1] as CrashPoint, module: match[2], ...(match[3] ? { type: match[3] } : {}) };
  },
  format: (spec) => `crash:${spec.point}:${spec.module}${spec.type ? `:${spec.type}` : ""}`,
  key: (spec) => `crash:${spec.point}:${spec.module}:${spec.type ?? "*"}`,
  effects: (spec, _random, site) => {
    let fired = false;
    /** Whether to stop here now: the module's first message of the type, once per process. */
    const due = (module: string, type: string) =>
      module === spec.module && (spec.type === undefined || spec.type === type) && !fired && (fired = true);
    switch (spec.point) {
      case "after-handler":
        return {
          deliver: (next, subscriber) => async (envelope, delivery) => {
            await next(envelope, delivery);
            if (due(subscriber, envelope.type))
              stop(site, new Error(`simulated crash: ${subscriber} handled ${envelope.type} ${envelope.id}; its ack is lost`));
          },
        };
      case "after-reply":
        return {
          request: (next) => async (target, envelope, timeoutMs) => {
            const reply = await next(target, envelope, timeoutMs);
            if (!due(envelope.source, envelope.type)) return reply;
            return stop(
              site,
              new AppError("call_timeout", `${target} answered ${envelope.type}; the reply was lost in a simulated crash of ${envelope.source}`),
            );
          },
        };
      case "before-relay":
        return {
          dispatch: (next) => async (envelope, subscribers, options) => {
            if (due(envelope.source, envelope.type))
              stop(site, new Error(`simulated crash: ${envelope.source} committed ${envelope.type} ${envelope.id}, not relayed yet`));
            return next(envelope, subscribers, options);
          },
        };
      case "before-commit":
        return {
          beforeCommit: async (module, handled, flush) => {
            if (!due(module, handled.type)) return;
            // Sent to the database first, so what the crash takes away was really written, not only planned.
            await flush();
            stop(site, new Error(`simulated crash: ${module} wrote its handling of ${handled.type} ${handled.id}, not committed yet`));
          },
        };
    }
  },
});

/** A real crash where the process is supervised; else a simulated one: `lost` is thrown to the runtime, which must redo the work. */
function stop(site: FaultSite, lost: Error): never {
  if (site.supervised) process.kill(process.pid, "SIGKILL");
  throw lost;
}
