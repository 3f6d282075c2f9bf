import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { system } from "../../harness/fixtures/ledger/system.ts";
import { ledgerTopology } from "../../harness/fixtures/ledger/topology.ts";
import { DEADLINE_HEADER } from "../bus/resilience/deadline.ts";
import { loadConfig } from "../config.ts";
import { freePort } from "../infra/ports.ts";
import { startGateway } from "./gateway.ts";
import type { RunningProcess } from "./process.ts";

/** The gateway's own wait (TWOFOLD_GATEWAY_TIMEOUT_MS), short: the service behind it never answers. */
const CAP_MS = 300;

/**
 * The gateway in process, in front of a "tills" service that takes every request and never answers (a stalled
 * process): a request that brings no deadline of its own gets the gateway's cap as its deadline, and its answer
 * when the cap is up. The wait is real time (the socket's abort), so the cap is kept short.
 */
describe("the gateway's own deadline", () => {
  const told: (string | null)[] = [];
  const stalled = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (request) => {
      told.push(request.headers.get(DEADLINE_HEADER));
      return new Promise<Response>(() => {});
    },
  });
  let gateway: RunningProcess;

  beforeAll(async () => {
    const env = {
      TWOFOLD_INTERNAL_TOKEN: "a-gateway-test-token",
      TWOFOLD_GATEWAY_TIMEOUT_MS: String(CAP_MS),
      // Calls over HTTP, events in memory: the gateway needs no Redis here.
      TWOFOLD_TRANSPORT: "component",
      PORT: String(freePort()),
      TWOFOLD_PORT_TILLS: String(stalled.port),
      TWOFOLD_PORT_AUDIT: String(freePort()),
      TWOFOLD_PORT_REPORTS: String(freePort()),
      LOG_LEVEL: "silent",
    };
    const config = loadConfig(env, system.modules);
    const topology = await ledgerTopology(env);
    gateway = await startGateway(system, config, topology);
  });
  afterAll(async () => {
    await gateway?.stop();
    await stalled.stop(true);
  });

  /** A request through the gateway; the client gives up long after the cap, so a gateway without one fails here, not in a hang. */
  const ask = async (headers: Record<string, string> = {}) => {
    told.length = 0;
    const started = performance.now();
    const response = await fetch(`${gateway.url}/api/v1/sales`, { headers, signal: AbortSignal.timeout(CAP_MS * 10) });
    const body = (await response.json()) as { error: { code: string; message: string } };
    return { status: response.status, body, ms: performance.now() - started };
  };

  it("answers 504 call_timeout once its cap is up, and forwards the cap as the request's deadline", async () => {
    const answer = await ask();
    expect([answer.status, answer.body.error.code]).toEqual([504, "call_timeout"]);
    // The wait it names is what was left of the cap when it forwarded the request: the cap, or a millisecond less.
    const waited = Number(/did not answer within (\d+) ms/.exec(answer.body.error.message)?.[1]);
    expect(waited).toBeLessThanOrEqual(CAP_MS);
    expect(waited).toBeGreaterThan(CAP_MS - 100);
    expect(answer.ms).toBeGreaterThanOrEqual(CAP_MS - 5);
    expect(answer.ms).toBeLessThan(CAP_MS * 3);
    expect(told).toHaveLength(1);
    const forwarded = Number(told[0]);
    expect(forwarded).toBeLessThanOrEqual(CAP_MS);
    expect(forwarded).toBeGreaterThan(CAP_MS - 100);
  });

  it("caps a client's longer deadline at its own", async () => {
    const answer = await ask({ [DEADLINE_HEADER]: "60000" });
    expect([answer.status, answer.body.error.code]).toEqual([504, "call_timeout"]);
    expect(answer.ms).toBeLessThan(CAP_MS * 3);
    expect(Number(told[0])).toBeLessThanOrEqual(CAP_MS);
  });
});
