import { parseArgs } from "node:util";
import { ensureRedis, type RedisHandle } from "../runtime/infra/redis.ts";
import { renderTable, compare, type ProfileRun } from "./report/table.ts";
import { runChecks } from "./runner.ts";
import { suites } from "./suites/index.ts";
import { SystemClient } from "./system/client.ts";
import { startTopology, type TopologyKind, topologyKinds } from "./topologies.ts";

const { values } = parseArgs({
  options: {
    profile: { type: "string", multiple: true },
    suite: { type: "string" },
    grep: { type: "string" },
  },
});

const profiles = (values.profile ?? [...topologyKinds]) as TopologyKind[];
const unknown = profiles.filter((p) => !topologyKinds.includes(p));
if (unknown.length) {
  console.error(`unknown profile(s): ${unknown.join(", ")}; known: ${topologyKinds.join(", ")}`);
  process.exit(2);
}
const filter = { suite: values.suite, grep: values.grep ? new RegExp(values.grep, "i") : undefined };

/** Starts each profile's topology in turn, runs the behaviour suites against it, and compares the outcomes. */
async function main(): Promise<number> {
  const runs: ProfileRun[] = [];
  let redis: RedisHandle | undefined;
  try {
    for (const profile of profiles) {
      if (profile === "split") redis ??= await ensureRedis();
      process.stderr.write(`▶ ${profile}: starting…`);
      const topology = await startTopology(profile, { redisUrl: redis?.url });
      process.stderr.write(` ready in ${topology.startupMs.toFixed(0)} ms\n`);
      const started = performance.now();
      try {
        const results = await runChecks(new SystemClient(profile, topology.url), suites, filter, (r) =>
          process.stderr.write(`  ${r.passed ? "✓" : "✗"} ${r.suite} › ${r.check} (${r.durationMs.toFixed(0)} ms)\n`),
        );
        runs.push({ profile, startupMs: topology.startupMs, wallMs: performance.now() - started, results });
      } finally {
        await topology.stop();
      }
    }
  } finally {
    await redis?.stop();
  }
  console.log(renderTable(runs));
  const { failures, disagreements } = compare(runs);
  return failures > 0 || disagreements > 0 ? 1 : 0;
}

process.exit(await main());
