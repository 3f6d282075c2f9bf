import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { suiteWith } from "../harness/suite.ts";
import { SystemClient } from "../harness/system/client.ts";
import { shopFlows } from "../harness/systems/shop/index.ts";
import { type StartedTopology, startTopology, topologyKinds } from "../harness/topologies.ts";
import { buildBinary } from "./build.ts";

/** Directories from `dir` up to the root: where a runtime would look for node_modules. */
const ancestors = (dir: string): string[] => (dirname(dir) === dir ? [dir] : [dir, ...ancestors(dirname(dir))]);

/**
 * The proof that `bun run build` ships: the binary, copied alone into an empty directory far from this
 * checkout, runs the order flow as the monolith and as the split topology it launches from itself.
 */
describe("compiled binary", () => {
  const buildDir = mkdtempSync(join(tmpdir(), "twofold-build-"));
  const runDir = mkdtempSync(join(tmpdir(), "twofold-bin-"));
  const binary = join(runDir, "twofold");

  beforeAll(async () => {
    const built = await buildBinary(join(buildDir, "twofold"));
    copyFileSync(built.outfile, binary);
    console.log(`[build] ${(built.bytes / 1024 / 1024).toFixed(1)} MiB in ${built.ms.toFixed(0)} ms`);
  }, 180_000);

  afterAll(() => {
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  });

  it("runs alone: no node_modules, topology.json or sources reachable from its directory", () => {
    expect(readdirSync(runDir)).toEqual(["twofold"]);
    expect(ancestors(runDir).filter((dir) => existsSync(join(dir, "node_modules")))).toEqual([]);
  });

  for (const kind of topologyKinds) {
    describe(kind, () => {
      let started: StartedTopology | undefined;
      let system: SystemClient | undefined;

      beforeAll(async () => {
        const redisUrl = kind === "split" ? inject("redisUrl") : undefined;
        started = await startTopology(kind, { command: [binary], redisUrl, cwd: runDir });
        system = new SystemClient(kind, started.url);
        console.log(`[build] ${kind} from the binary ready in ${started.startupMs.toFixed(0)} ms`);
      }, 120_000);

      afterAll(async () => {
        await started?.stop();
      });

      for (const check of suiteWith(shopFlows, "E2E Order Creation Flow").checks)
        it(check.name, () => check.run(system!, { seed: 0, warn: () => {} }));
    });
  }
});
