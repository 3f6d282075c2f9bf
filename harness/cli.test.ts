import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { canRunPostgres } from "../runtime/infra/postgres.ts";
import builtInTopology from "../topology.json";
import { eventually } from "./eventually.ts";
import { alive, childrenOf } from "./process-table.ts";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
const workdir = mkdtempSync(join(tmpdir(), "twofold-cli-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

describe("bun run harness, asked for what it cannot do", () => {
  it("a fault it cannot read is a usage error (exit 2) naming the part", async () => {
    const run = Bun.spawn([process.execPath, cli, "--faults", "latency:orders=200,blackhole:payments@3"], {
      cwd: workdir,
      stdout: "ignore",
      stderr: "pipe",
    });
    expect(await run.exited).toBe(2);
    expect(await new Response(run.stderr).text()).toMatch(/^bun run harness: --faults: fault "blackhole:payments@3" is none of: /);
  });

  it("a soak of no checkouts, or a crash sweep of a system without a journey, is a usage error (exit 2)", async () => {
    for (const [args, said] of [
      [["--soak", "0"], /--soak/],
      [["--system", "learning", "--crash-sweep"], /the learning system has no crash journey/],
    ] as const) {
      const run = Bun.spawn([process.execPath, cli, ...args], { cwd: workdir, stdout: "ignore", stderr: "pipe" });
      expect(await run.exited).toBe(2);
      expect(await new Response(run.stderr).text()).toMatch(said);
    }
  });
});

describe.runIf(process.platform === "linux")("bun run harness, interrupted", () => {
  it("SIGTERM ends the run and every process of the topology it started, its Redis and Postgres", async () => {
    const { REDIS_URL: _shared, ...env } = process.env;
    const run = Bun.spawn([process.execPath, cli, "--profile", "split", "--suite", "Bad input", "--seed", "1"], {
      cwd: workdir,
      env,
      stdout: "ignore",
      stderr: "ignore",
    });
    // The services, the gateway, redis-server and (where it can run) the topology's one Postgres server.
    const children = builtInTopology.services.length + 2 + (canRunPostgres() ? 1 : 0);
    let started: number[] = [];
    await eventually(() => expect((started = childrenOf(run.pid))).toHaveLength(children), { timeoutMs: 20_000 });

    run.kill("SIGTERM");
    expect(await run.exited).toBe(130);
    // The exit hook's SIGKILLs were sent before the run exited; the kernel ends those processes a moment later.
    await eventually(() => expect(started.filter(alive)).toEqual([]));
  });
});
