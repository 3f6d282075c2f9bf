import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { alive, childrenOf } from "../../harness/process-table.ts";
import { testEnv } from "../../harness/test-env.ts";
import builtInTopology from "../../topology.json";
import { DEVELOPMENT_OPERATOR_KEY } from "../config.ts";
import { OPERATOR_KEY_HEADER } from "../http/operator.ts";
import { freePort } from "../infra/ports.ts";
import { canRunPostgres } from "../infra/postgres.ts";
import { waitReady } from "./child.ts";

const entry = fileURLToPath(new URL("../../scripts/twofold.ts", import.meta.url));

describe("SIGTERM", () => {
  it("lets a request already in flight finish, then exits cleanly", async () => {
    const port = freePort();
    const child = Bun.spawn([process.execPath, entry, "monolith"], {
      env: { ...process.env, ...testEnv(), PORT: String(port) },
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
