import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { alive, childrenOf } from "../../harness/process-table.ts";
import { testEnv } from "../../harness/test-env.ts";
import builtInTopology from "../../topology.json";
import { DEVELOPMENT_OPERATOR_KEY } from "../config.ts";
import { freePort } from "../infra/ports.ts";
import { canRunPostgres } from "../infra/postgres.ts";
import { OPERATOR_KEY_HEADER } from "../secrets.ts";
import { prefixLines, waitReady } from "./child.ts";

const entry = fileURLToPath(new URL("../../scripts/twofold.ts", import.meta.url));

describe("SIGTERM", () => {
  it("lets a request already in flight finish, then exits cleanly", async () => {
    const port = freePort();
    const child = Bun.spawn([process.execPath, entry, "monolith"], {
      env: { ...process.env, ...testEnv(), PORT: String(port), LOG_LEVEL: "info" },
      stdout: "ignore",
      stderr: "pipe",
    });
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/ready`, child, 60_000, "monolith");

    const encoder = new TextEncoder();
    let sendRest!: () => void;
    const restSent = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('{"name":"Slow Sender",'));
        await restSent;
        controller.enqueue(encoder.encode('"email":"slow@example.com"}'));
        controller.close();
      },
    });
    const headers = { "content-type": "application/json", [OPERATOR_KEY_HEADER]: DEVELOPMENT_OPERATOR_KEY };
    const inFlight = fetch(`${base}/api/v1/users`, { method: "POST", headers, body });

    await eventually(async () => {
      const idle = (await (await fetch(`${base}/__twofold/idle`)).json()) as { processes: { monolith: { requests: number } } };
      expect(idle.processes.monolith.requests).toBe(1);
    });
    child.kill("SIGTERM");
    sendRest();
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(await child.exited).toBe(0);
    const log = await new Response(child.stderr).text();
    expect(log).toContain("SIGTERM: draining");
  });
});

describe.runIf(process.platform === "linux")("SIGTERM to the split launcher", () => {
  it("while the services are still starting, stops every child, its private Redis and Postgres before it exits", async () => {
    const ports = Object.fromEntries(builtInTopology.services.map((s) => [`TWOFOLD_PORT_${s.name.toUpperCase()}`, String(freePort())]));
    const { REDIS_URL: _shared, ...inherited } = process.env;
    const launcher = Bun.spawn([process.execPath, entry, "split"], {
      env: { ...inherited, ...testEnv(), ...ports, PORT: String(freePort()) },
      stdout: "ignore",
      stderr: "pipe",
    });
    const log = new Response(launcher.stderr).text();
    // The services, the gateway, redis-server and (where it can run) the one Postgres server of all services.
    const children = builtInTopology.services.length + 2 + (canRunPostgres() ? 1 : 0);
    let started: number[] = [];
    try {
      await eventually(() => expect((started = childrenOf(launcher.pid))).toHaveLength(children), { timeoutMs: 20_000 });
    } catch (error) {
      // A failed wait must not leave the topology behind: the launcher stops what it started.
      launcher.kill("SIGTERM");
      await launcher.exited;
      throw error;
    }

    launcher.kill("SIGTERM");
    expect(await launcher.exited).not.toBe(0);
    expect(await log).toContain("SIGTERM while the split topology was starting");
    expect(started.filter(alive)).toEqual([]);
  });
});

describe.runIf(process.platform === "linux")("SIGTERM to a running split topology", () => {
  it("drains in order: a request in flight that still needs other services gets its real answer", async () => {
    const ports = Object.fromEntries(builtInTopology.services.map((s) => [`TWOFOLD_PORT_${s.name.toUpperCase()}`, String(freePort())]));
    const port = freePort();
    const base = `http://127.0.0.1:${port}`;
    const { REDIS_URL: _shared, ...inherited } = process.env;
    const launcher = Bun.spawn([process.execPath, entry, "split"], {
      env: { ...inherited, ...testEnv(), ...ports, PORT: String(port), TWOFOLD_FAULTS: "latency:users=3000", LOG_LEVEL: "info", LOG_FORMAT: "json" },
      stdout: "ignore",
      stderr: "pipe",
    });
    const lines: string[] = [];
    void prefixLines(launcher.stderr, "split", (line) => lines.push(line));
    try {
      await waitReady(`${base}/ready`, launcher, 60_000, "gateway");
      const headers = { "content-type": "application/json", [OPERATOR_KEY_HEADER]: DEVELOPMENT_OPERATOR_KEY };
      const post = async (path: string, body: unknown) =>
        (await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) })).json();
      const user = (await post("/api/v1/users", { name: "Drained", email: `drained-${Date.now()}@example.com` })) as { id: string };
      const product = (await post("/api/v1/products", { name: "Kept", price: 2, inventory: 5 })) as { id: string };

      // An order still waiting on its call to users (a latency fault holds calls into users for 3 s) when
      // SIGTERM comes: a topology stopping every process at once would have taken users down under it.
      const inFlight = fetch(`${base}/api/v1/orders`, {
        method: "POST",
        headers,
        body: JSON.stringify({ user_id: user.id, items: [{ product_id: product.id, quantity: 1 }] }),
      });
      await eventually(async () => {
        const idle = (await (await fetch(`${base}/__twofold/idle`)).json()) as { processes: Record<string, { requests: number; calls: number }> };
        expect([idle.processes.gateway?.requests, idle.processes.orders?.calls]).toEqual([1, 1]);
      });
      launcher.kill("SIGTERM");
      const response = await inFlight;
      expect([response.status, ((await response.json()) as { status?: string }).status]).toEqual([201, "pending"]);
      expect(await launcher.exited).toBe(0);
      // The gateway went first; users and products, which orders calls, after orders.
      const records = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { service: string; msg: string });
      const stopped = (name: string) => records.findIndex((r) => r.service === name && r.msg === "SIGTERM: draining");
      expect(stopped("gateway")).toBeGreaterThanOrEqual(0);
      expect(stopped("gateway")).toBeLessThan(stopped("orders"));
      expect(stopped("orders")).toBeLessThan(stopped("users"));
      expect(stopped("orders")).toBeLessThan(stopped("products"));
    } finally {
      // A failed check must not leave the topology behind: the launcher stops what it started.
      if (launcher.exitCode === null) {
        launcher.kill("SIGTERM");
        await launcher.exited;
      }
    }
  });
});
