import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { oneProcessNemesis, splitNemesis } from "../nemesis/process.ts";
import { profileEnv, profileOf } from "../run/profiles.ts";
import { profileProject } from "../run/projects.ts";
import { SystemClient } from "../system/client.ts";
import { systemChecks } from "../systems/index.ts";
import { registeredSystem, type StartedTopology, startTopology } from "../topologies.ts";
import { runSuite } from "../vitest/run-suite.ts";

// One file per profile project: vitest runs one file's tests in order, so no two checks ever share a topology
// at once (a check may freeze and advance its clock), however many workers run files side by side. The
// project names the system and profile (harness/run/projects.ts); the topology lives as long as this file.
// Pick suites with -t, e.g. `bun run test --project split -t "Bad input"`. Checks run by tests only (the
// fixed-seed fuzz run) come last.
const chosen = profileProject(inject("profileProject"));
const profile = profileOf(chosen.profile);
let topology: StartedTopology | undefined;
// Split gets a supervised Redis of its own, as the harness gives it, so the Nemesis suite can restart it.
const redisDir = profile.topology === "split" ? mkdtempSync(join(tmpdir(), "twofold-profile-redis-")) : undefined;

beforeAll(async () => {
  topology = await startTopology(profile.topology, { system: registeredSystem(chosen.system), redisDir, env: profileEnv(profile, 1) });
  console.error(`[${chosen.name}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
});
afterAll(async () => {
  await topology?.stop();
  if (redisDir) rmSync(redisDir, { recursive: true, force: true });
});

const client = () => {
  if (!topology) throw new Error(`the ${chosen.name} topology did not start`);
  return new SystemClient(profile.name, topology.url);
};
const checks = systemChecks[chosen.system];
const nemesis = () => (topology && profile.topology === "split" ? splitNemesis(topology) : oneProcessNemesis());
for (const suite of [...checks.suites, ...(checks.testOnly ?? [])]) runSuite(suite, client, nemesis);
