import type { Envelope } from "../../contracts/envelope.ts";
import { SystemClient } from "../system/client.ts";
import { FlowError } from "./errors.ts";
import { parseFlows } from "./load-flow.ts";
import type { FlowMapping } from "./mapping.ts";
import { runFlow } from "./run-flow.ts";

interface FakeReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface FakeOptions {
  /** Answers by `"METHOD /path"` (query string included when present). */
  readonly routes?: Record<string, (request: FakeRequest, publish: (envelope: Envelope) => void) => FakeReply | Promise<FakeReply>>;
  readonly sql?: (module: string, query: string, params: readonly unknown[]) => readonly Record<string, unknown>[];
}

const json = (reply: FakeReply) =>
  new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
    status: reply.status,
    headers: { "content-type": "application/json", ...reply.headers },
  });

/**
 * A SystemClient over canned answers (API routes, an event tap fed by `publish`, the SQL endpoint), for testing
 * flows without starting a topology.
 */
export function fakeSystem(options: FakeOptions = {}): { system: SystemClient; requests: FakeRequest[]; publish: (envelope: Envelope) => void } {
  const requests: FakeRequest[] = [];
  const events: Envelope[] = [];
  const publish = (envelope: Envelope) => {
    events.push(envelope);
  };
  const fetcher = async (url: string, init: RequestInit) => {
    const { pathname, search, searchParams } = new URL(url);
    const text = typeof init.body === "string" ? init.body : undefined;
    const request: FakeRequest = {
      method: init.method ?? "GET",
      path: pathname + search,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: text ? JSON.parse(text) : undefined,
    };
    if (pathname === "/__twofold/events") {
      const after = Number(searchParams.get("after") ?? 0);
      return json({
        status: 200,
        body: { events: events.slice(after).map((envelope, i) => ({ seq: after + i + 1, envelope })), next: events.length },
      });
    }
    if (pathname === "/__twofold/idle") return json({ status: 200, body: { idle: true } });
    if (pathname.startsWith("/__twofold/sql/")) {
      const { query, params } = request.body as { query: string; params: unknown[] };
      return json({ status: 200, body: { rows: options.sql?.(pathname.slice("/__twofold/sql/".length), query, params) ?? [] } });
    }
    requests.push(request);
    const handler = options.routes?.[`${request.method} ${request.path}`];
    return json(handler ? await handler(request, publish) : { status: 404, body: { error: { code: "not_found" } } });
  };
  return { system: new SystemClient("fake", "http://fake.test", fetcher), requests, publish };
}

/** Runs a flow written inline against a fake system; answers the warnings, the failure if any, and the requests it sent. */
export async function runInline(yaml: string, options: FakeOptions = {}, mapping?: FlowMapping) {
  const warnings: string[] = [];
  const fake = fakeSystem(options);
  const [flow] = parseFlows(yaml, "test.flow.yaml", mapping);
  if (!flow) throw new Error("no flow");
  let failure: FlowError | undefined;
  try {
    await runFlow(flow, fake.system, { seed: 0, warn: (message) => warnings.push(message) });
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    failure = error;
  }
  return { warnings, failure, requests: fake.requests };
}
