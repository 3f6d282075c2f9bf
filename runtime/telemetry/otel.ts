import {
  type Attributes,
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_RPC_METHOD,
  ATTR_RPC_SYSTEM_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from "@opentelemetry/semantic-conventions";
import {
  ATTR_MESSAGING_BATCH_MESSAGE_COUNT,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_CONVERSATION_ID,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_RPC_SERVICE,
  MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
  MESSAGING_OPERATION_TYPE_VALUE_SEND,
} from "@opentelemetry/semantic-conventions/incubating";
import type { Context as HonoContext } from "hono";
import type { Envelope } from "../../contracts/envelope.ts";
import type { TelemetrySettings } from "../config.ts";
import { isAppError } from "../errors.ts";
import { answerActiveTrace } from "./context.ts";
import type { TraceCarrier, Tracing } from "./tracing.ts";

/** Calls between modules are this runtime's own protocol (JSON envelopes), named as such in `rpc.system.name`. */
const RPC_SYSTEM = "twofold";
/** A delivery's retries: BullMQ's attempt number, which no convention names. */
const ATTR_DELIVERY_ATTEMPT = "twofold.delivery.attempt";

export interface TracedProcess {
  /** The process's name: the service name unless OTEL_SERVICE_NAME sets one. */
  readonly name: string;
  /** How its events travel (`bullmq`, `memory`): `messaging.system`. */
  readonly messaging: string;
  /** The template a request is answered under (the metrics' route label): the server span's name. */
  readonly routeOf: (c: HonoContext) => string;
}

/**
 * The span the work at hand runs in, per async chain: a context manager of this module's own, never registered as
 * OpenTelemetry's global one, beside the conversation's (runtime/bus/context.ts); shared by the processes of
 * one JS process, whose spans never cross but through carriers.
 */
const contexts = new AsyncLocalStorageContextManager();
const propagator = new W3CTraceContextPropagator();
const activeContext = (): Context => contexts.active();
const withContext = <T>(context: Context, work: () => T): T => contexts.with(context, work);

/** The context a carrier names, as a remote parent; the root context when it names none that is valid. */
const contextOf = (carrier: { traceparent?: unknown; tracestate?: unknown }): Context =>
  typeof carrier.traceparent === "string" ? propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter) : ROOT_CONTEXT;

/** A context's span as W3C headers; undefined when it has none. */
function carrierOf(context: Context): TraceCarrier | undefined {
  const carrier: { traceparent?: string; tracestate?: string } = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier.traceparent ? (carrier as TraceCarrier) : undefined;
}

answerActiveTrace({
  traceId: () => trace.getSpan(contexts.active())?.spanContext().traceId,
  under: (traceparent, work) => withContext(contextOf({ traceparent }), work),
  outside: (work) => withContext(ROOT_CONTEXT, work),
});

/** What a failure is called on its span: an AppError's code (also the client's), else the error's class, never its message. */
const errorType = (error: unknown): string => (isAppError(error) ? error.code : error instanceof Error ? error.name : "unknown");

/**
 * OpenTelemetry behind the runtime's Tracing seam: a tracer provider of this process's own (never the global
 * one, so in-process topologies stay apart) whose spans are batched and exported as OTLP/HTTP JSON to the
 * configured endpoint. Made only when an endpoint is configured (runtime/host/assemble.ts).
 */
export function otelTracing(settings: TelemetrySettings, process: TracedProcess): Tracing {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName ?? process.name }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.tracesUrl }), scheduledDelayMillis: settings.batchDelayMs }),
    ],
  });
  const tracer = provider.getTracer("twofold");

  async function inSpan<T>(name: string, kind: SpanKind, attributes: Attributes, parent: Context, work: (span: Span) => Promise<T>): Promise<T> {
    const span = tracer.startSpan(name, { kind, attributes }, parent);
    try {
      return await withContext(trace.setSpan(parent, span), () => work(span));
    } catch (error) {
      fail(span, errorType(error), isAppError(error) ? error.message : undefined);
      throw error;
    } finally {
      span.end();
    }
  }
  const fail = (span: Span, type: string, message?: string) => {
    span.setAttribute(ATTR_ERROR_TYPE, type);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  };
  const messageAttributes = (envelope: Envelope): Attributes => ({
    [ATTR_MESSAGING_SYSTEM]: process.messaging,
    [ATTR_MESSAGING_DESTINATION_NAME]: envelope.type,
    [ATTR_MESSAGING_MESSAGE_ID]: envelope.id,
    [ATTR_MESSAGING_MESSAGE_CONVERSATION_ID]: envelope.correlationId,
  });

  return {
    server: async (c, next) => {
      const { method } = c.req;
      const parent = contextOf({ traceparent: c.req.header("traceparent"), tracestate: c.req.header("tracestate") });
      await inSpan(method, SpanKind.SERVER, { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: c.req.path }, parent, async (span) => {
        await next();
        const route = process.routeOf(c);
        const status = c.res.status;
        span.updateName(`${method} ${route}`);
        span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: status });
        if (status >= 500) fail(span, String(status));
        const carrier = carrierOf(activeContext());
        if (carrier) c.header("traceparent", carrier.traceparent);
      });
    },
    outgoing: (request, headers, work) =>
      inSpan(
        request.method,
        SpanKind.CLIENT,
        {
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          [ATTR_SERVER_ADDRESS]: request.url.hostname,
          [ATTR_SERVER_PORT]: Number(request.url.port),
          [ATTR_URL_FULL]: `${request.url.origin}${request.url.pathname}`,
        },
        activeContext(),
        async (span) => {
          headers.delete("tracestate");
          const carrier = carrierOf(activeContext());
          if (carrier) for (const [name, value] of Object.entries(carrier)) headers.set(name, value);
          const response = await work();
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
          if (response.status >= 500) fail(span, String(response.status));
          return response;
        },
      ),
    call: (from, to, name, work) =>
      inSpan(
        name,
        SpanKind.CLIENT,
        { [ATTR_RPC_SYSTEM_NAME]: RPC_SYSTEM, [ATTR_RPC_METHOD]: name, [ATTR_RPC_SERVICE]: to, "twofold.caller": from },
        activeContext(),
        work,
      ),
    answer: (envelope, module, work) =>
      inSpan(
        envelope.type,
        SpanKind.SERVER,
        { [ATTR_RPC_SYSTEM_NAME]: RPC_SYSTEM, [ATTR_RPC_METHOD]: envelope.type, [ATTR_RPC_SERVICE]: module, "twofold.caller": envelope.source },
        contextOf(envelope),
        work,
      ),
    publish: (envelope, subscribers, work) =>
      inSpan(
        `send ${envelope.type}`,
        SpanKind.PRODUCER,
        {
          ...messageAttributes(envelope),
          [ATTR_MESSAGING_OPERATION_TYPE]: MESSAGING_OPERATION_TYPE_VALUE_SEND,
          [ATTR_MESSAGING_OPERATION_NAME]: "send",
          [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: subscribers.length,
        },
        contextOf(envelope),
        () => work({ ...envelope, ...carrierOf(activeContext()) }),
      ),
    deliver: (envelope, subscriber, attempt, work) =>
      inSpan(
        `process ${envelope.type}`,
        SpanKind.CONSUMER,
        {
          ...messageAttributes(envelope),
          [ATTR_MESSAGING_OPERATION_TYPE]: MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
          [ATTR_MESSAGING_OPERATION_NAME]: "process",
          [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: subscriber,
          [ATTR_DELIVERY_ATTEMPT]: attempt,
        },
        contextOf(envelope),
        work,
      ),
    transaction: (module, readOnly, work) =>
      inSpan(
        `transaction ${module}`,
        SpanKind.CLIENT,
        {
          [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
          [ATTR_DB_NAMESPACE]: module,
          [ATTR_DB_OPERATION_NAME]: readOnly ? "snapshot" : "transaction",
        },
        activeContext(),
        work,
      ),
    carrier: () => carrierOf(activeContext()),
    shutdown: () => provider.shutdown(),
  };
}
