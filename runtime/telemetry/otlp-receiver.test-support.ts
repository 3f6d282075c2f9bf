/** One span as the receiver keeps it: OTLP's JSON encoding, ids in hex, with the service that exported it. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Record<string, string | number | boolean>;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: (Omit<ReceivedSpan, "service" | "attributes"> & { attributes?: OtlpAttribute[] })[] }[];
  }[];
}

const scalar = (v: OtlpValue): string | number | boolean =>
  v.stringValue ?? (v.intValue === undefined ? undefined : Number(v.intValue)) ?? v.boolValue ?? v.doubleValue ?? "";
const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, scalar(a.value)]));

/** An OTLP/HTTP receiver in the test's process: takes the JSON the exporter posts at /v1/traces, keeps every span. */
export function otlpReceiver(): { readonly url: string; readonly spans: ReceivedSpan[]; stop(): void } {
  const spans: ReceivedSpan[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      if (request.method !== "POST" || new URL(request.url).pathname !== "/v1/traces") return new Response("not found", { status: 404 });
      const body = (await request.json()) as OtlpExport;
      for (const resource of body.resourceSpans ?? []) {
        const service = String(attributesOf(resource.resource?.attributes)["service.name"]);
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            const { traceId, spanId, parentSpanId, name, kind } = span;
            spans.push({ service, traceId, spanId, parentSpanId: parentSpanId || undefined, name, kind, attributes: attributesOf(span.attributes) });
          }
        }
      }
      return Response.json({});
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, spans, stop: () => void server.stop(true) };
}
