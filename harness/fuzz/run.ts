import { ensureRedis, type RedisHandle } from "../../runtime/infra/redis.ts";
import { type ProfileName, profileEnv, profileOf } from "../run/profiles.ts";
import { SystemClient } from "../system/client.ts";
import { type SystemUnderTest, startTopology } from "../topologies.ts";
import { fuzz } from "./fuzz.ts";
import { describeReport } from "./report.ts";
import type { FuzzTarget } from "./target.ts";

export interface FuzzRunOptions {
  readonly profiles: readonly ProfileName[];
  /** Requests per profile (shrinking comes on top). */
  readonly runs: number;
  readonly seed: number;
  readonly system: SystemUnderTest;
  readonly target: FuzzTarget;
}

/**
 * `bun run harness --fuzz N`: each profile on a fresh topology, N fuzzed requests with the same seed, every
 * class of failure shrunk (known ones too, so the report shows each at its smallest). 1 when any profile
 * has a failure that is not a known one, or stopped being ready.
 */
export async function runFuzz(options: FuzzRunOptions): Promise<number> {
  let redis: RedisHandle | undefined;
  let failed = false;
  try {
    for (const name of options.profiles) {
      const profile = profileOf(name);
      if (profile.topology === "split") redis ??= await ensureRedis(process.env.REDIS_URL);
      console.error(`── fuzz ${name}: seed ${options.seed}, ${options.runs} requests ──`);
      const topology = await startTopology(profile.topology, {
        system: options.system,
        redisUrl: redis?.url,
        env: profileEnv(profile, options.seed),
      });
      try {
        const report = await fuzz(new SystemClient(name, topology.url), options.target, {
          seed: options.seed,
          numRuns: options.runs,
          shrinkKnown: true,
          maxShrunk: 40,
        });
        console.log(describeReport(report, name));
        console.error(`[${name}] server log: ${topology.logFile}`);
        failed ||= report.failed || !report.ready;
      } finally {
        await topology.stop();
      }
    }
  } finally {
    await redis?.stop();
  }
  return failed ? 1 : 0;
}
