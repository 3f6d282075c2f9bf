import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import builtInTopology from "../topology.json";
import { eventually } from "./eventually.ts";
import { alive, childrenOf } from "./process-table.ts";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
const workdir = mkdtempSync(join(tmpdir(), "twofold-cli-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

describe.runIf(process.platform === "linux")("bun run harness, interrupted", () => {
  it("SIGTERM ends the run and every process of the topology it started, and its Redis", async () => {
    const { REDIS_URL: _shared, ...env } = process.env;
    const run = Bun.spawn([process.execPath, cli, "--profile", "split", "--suite", "order-flow", "--seed", "1"], {
      cwd: workdir,
      env,
      stdout: "ignore",
      stderr: "ignore",
    });
    const children = builtInTopology.services.length + 2; // the services, the gateway and redis-server
    let started: number[] = [];
    await eventually(() => expect((started = childrenOf(run.pid))).toHaveLength(children), { timeoutMs: 20_000 });

    run.kill("SIGTERM");
    expect(await run.exited).toBe(130);
    // The exit hook's SIGKILLs were sent before the run exited; the kernel ends those processes a moment later.
    await eventually(() => expect(started.filter(alive)).toEqual([]));
  });
});
