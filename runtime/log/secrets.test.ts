import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { SystemClient } from "../../harness/system/client.ts";
import { address, bearer } from "../../harness/systems/shared/identity.ts";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import builtInTopology from "../../topology.json";
import { CORRELATION_HEADER } from "../http/correlation.ts";
import { OPERATOR_KEY_HEADER } from "../secrets.ts";
import { LOG_LEVELS } from "./logger.ts";

type LogRecord = Record<string, unknown>;

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly correlationId: string;
}

const secret = (what: string) => `${what}-${crypto.randomUUID()}`;
const operatorKey = secret("operator-key");
const internalToken = secret("internal-token");
const password = secret("password");
const wrongPassword = secret("wrong-password");
/** A client may put anything in a query string; the access line logs the path without it. */
const searched = secret("query");
const PROCESSES = new Set(["launcher", "gateway", ...builtInTopology.services.map((s) => s.name)]);

/**
 * Real requests through the split topology (gateway, services, HTTP calls with the internal token between
 * them) logging at trace as JSON: every secret the requests carried is looked for in every line the
 * processes wrote, and each request must have its access line under the correlation id the client sent.
 */
describe("the logs of a split topology at trace", () => {
  let topology: StartedTopology;
  let sys: SystemClient;
  const sent: Sent[] = [];
  /** Secrets only the system hands out: the session and the email verification token. */
  const issued: string[] = [];
  let lines: string[] = [];
  let records: LogRecord[] = [];

  const send = async (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const correlationId = `logs-${sent.length + 1}-${crypto.randomUUID().slice(0, 8)}`;
    const answer = await sys.http.request(method, path, { body: options.body, headers: { ...options.headers, [CORRELATION_HEADER]: correlationId } });
    sent.push({ method, path: path.split("?")[0] as string, status: answer.status, correlationId });
    return answer;
  };
  const accessLines = (request: Sent, service: (name: unknown) => boolean) =>
    records.filter((r) => r.correlation_id === request.correlationId && r.path === request.path && r.status !== undefined && service(r.service));

  beforeAll(async () => {
    topology = await startTopology("split", {
      redisUrl: inject("redisUrl"),
      env: { LOG_LEVEL: "trace", LOG_FORMAT: "json", TWOFOLD_OPERATOR_KEY: operatorKey, TWOFOLD_INTERNAL_TOKEN: internalToken },
    });
    sys = new SystemClient("split", topology.url);
    const operator = { [OPERATOR_KEY_HEADER]: operatorKey };
    const product = await send("POST", "/api/v1/products", { body: { name: "Lamp", description: "", price: 12.5, inventory: 3 }, headers: operator });
    expect(product.status).toBe(201);
    const email = `logs-${crypto.randomUUID()}@example.com`;
    expect((await send("POST", "/api/v1/auth/register", { body: { email, password, name: "Ada" } })).status).toBe(201);
    expect((await send("POST", "/api/v1/auth/login", { body: { email, password: wrongPassword } })).status).toBe(401);
    const login = await send("POST", "/api/v1/auth/login", { body: { email, password, device: "laptop" } });
    expect(login.status).toBe(200);
    const session = bearer(login.body.token);
    issued.push(login.body.token);
    const verification = await eventually(async () => {
      const mail = await send("GET", "/api/v1/notifications?kind=verify_email", { headers: session });
      expect(mail.body.notifications).toHaveLength(1);
      return mail.body.notifications[0].data.token as string;
    });
    issued.push(verification);
    expect((await send("POST", "/api/v1/auth/verify-email", { body: { token: verification } })).status).toBe(200);
    expect((await send("POST", "/api/v1/cart/items", { body: { product_id: product.body.id, quantity: 1 }, headers: session })).status).toBe(200);
    const order = await send("POST", "/api/v1/checkout", {
      body: { shipping_address: address, payment_token: "tok_visa" },
      headers: { ...session, "idempotency-key": crypto.randomUUID() },
    });
    expect(order.status).toBe(202);
    // Confirmed, or cancelled on a loaded machine (its charge refunded): either way the card token went to payments.
    await eventually(
      async () => expect((await send("GET", `/api/v1/orders/${order.body.id}`, { headers: session })).body.status).not.toBe("pending"),
      {
        timeoutMs: 30_000,
      },
    );
    expect((await send("GET", `/api/v1/search?q=${searched}`)).status).toBe(200);
    await sys.idle();
    // The launcher copies its children's lines as they come: wait for the last request's lines at both ends.
    await eventually(() => {
      lines = readFileSync(topology.logFile, "utf8").split("\n").filter(Boolean);
      records = lines.map((line) => JSON.parse(line) as LogRecord);
      const last = sent.at(-1) as Sent;
      expect(accessLines(last, (s) => s === "gateway")).toHaveLength(1);
      expect(accessLines(last, (s) => s === "search")).toHaveLength(1);
    });
  }, 120_000);
  afterAll(() => topology?.stop());

  it("holds none of the secrets the requests carried: password, operator key, internal token, session, verification token, card token, query", () => {
    const secrets = [password, wrongPassword, operatorKey, internalToken, ...issued, "tok_visa", searched];
    expect(issued).toHaveLength(2);
    expect(secrets.filter((s) => lines.some((line) => line.includes(s)))).toEqual([]);
  });

  it("is one JSON object a line, each with its time, level, service and message, and the trace of the conversation it names", () => {
    expect(lines.length).toBeGreaterThan(sent.length);
    for (const record of records) {
      expect(new Date(String(record.time)).toISOString()).toBe(record.time);
      expect(LOG_LEVELS).toContain(record.level);
      expect(PROCESSES).toContain(record.service);
      expect(typeof record.msg).toBe("string");
      expect(record.trace_id).toBe(record.correlation_id);
    }
    // At debug the bus says what it carried (never the payload), each line naming the module acting: the
    // orders saga calling payments among them; and the saga's module logs the order's end.
    const bus = records.filter((r) => r.kind !== undefined);
    expect(bus.filter((r) => typeof r.module !== "string")).toEqual([]);
    expect(bus).toContainEqual(expect.objectContaining({ level: "debug", kind: "call", service: "orders", module: "orders", to: "payments" }));
    expect(records).toContainEqual(
      expect.objectContaining({ level: "info", service: "orders", module: "orders", msg: expect.stringMatching(/^order .+ (confirmed|cancelled)$/) }),
    );
  });

  it("has one access line per request at the gateway and one at the service that answered it, under the client's correlation id", () => {
    for (const request of sent) {
      const [gateway, ...more] = accessLines(request, (s) => s === "gateway");
      expect(more).toEqual([]);
      expect(gateway).toMatchObject({
        level: "info",
        method: request.method,
        path: request.path,
        status: request.status,
        trace_id: request.correlationId,
      });
      expect(gateway?.duration_ms).toEqual(expect.any(Number));
      expect(accessLines(request, (s) => s !== "gateway" && s !== "launcher")).toHaveLength(1);
    }
  });
});
