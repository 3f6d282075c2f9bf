import { afterAll, beforeAll, inject } from "vitest";
import { ensureRedis, type RedisHandle } from "../../runtime/infra/redis.ts";
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
let redis: RedisHandle | undefined;

beforeAll(async () => {
  redis = profile.topology === "split" ? await ensureRedis(process.env.REDIS_URL) : undefined;
  topology = await startTopology(profile.topology, { system: registeredSystem(chosen.system), redisUrl: redis?.url, env: profileEnv(profile, 1) });
  console.error(`[${chosen.name}] ready in ${topology.startupMs.toFixed(0)} ms at ${topology.url} (log: ${topology.logFile})`);
});
afterAll(async () => {
  await topology?.stop();
  await redis?.stop();
});

const client = () => {
  if (!topology) throw new Error(`the ${chosen.name} topology did not start`);
  return new SystemClient(profile.name, topology.url);
};
const checks = systemChecks[chosen.system];
for (const suite of [...checks.suites, ...(checks.testOnly ?? [])]) runSuite(suite, client);
