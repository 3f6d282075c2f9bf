/**
 * What the rest of the runtime may ask of the span the work at hand runs in, without loading OpenTelemetry:
 * the tracing of a process that traces (otel.ts) answers once loaded; until then, and in any process that
 * traces nothing, every answer is "none" after one check.
 */
interface ActiveTrace {
  /** The trace id of the span the work at hand runs in, if any. */
  traceId(): string | undefined;
  /** Runs work under a remote parent given as a W3C `traceparent`. */
  under<T>(traceparent: string, work: () => T): T;
  /** Runs work in no span at all. */
  outside<T>(work: () => T): T;
}

let active: ActiveTrace | undefined;

/** Called by the tracing once loaded: its context manager is the one the answers come from. */
export const answerActiveTrace = (answers: ActiveTrace): void => {
  active = answers;
};

/** The trace id of the span the work at hand runs in, if any (the log's `trace_id`). */
export const activeTraceId = (): string | undefined => active?.traceId();

/** The trace id a `traceparent` names (its second field), for a line logged about a message outside its span. */
export const traceIdOf = (traceparent: string | undefined): string | undefined => traceparent?.split("-")[1];

/**
 * Runs background work outside the span of whoever kicked it (a request that asks the relay or a task to run
 * now): what it does is not that request's, and its spans find their own parents.
 */
export const outsideTrace = <T>(work: () => T): T => (active ? active.outside(work) : work());

/**
 * Runs work a module resumes on its own (a saga's next step) under the trace it was begun in, kept as the
 * conversation's `traceparent`: its spans join that trace. Without one, or where nothing is traced, it just runs.
 */
export const underTrace = <T>(traceparent: string | undefined, work: () => T): T =>
  traceparent && active ? active.under(traceparent, work) : work();
