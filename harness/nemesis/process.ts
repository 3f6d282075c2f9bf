import { eventually } from "../eventually.ts";
import { TEST_LOCK_MS } from "../test-env.ts";
import type { StartedTopology } from "../topologies.ts";

/** A nemesis operation that cannot apply to the profile running the check: the check is skipped with this reason. */
export class Skipped extends Error {
  constructor(readonly reason: string) {
    super(`skipped: ${reason}`);
  }
}

/**
 * What a check may do to the processes of the topology it runs on (Jepsen's nemesis): real signals to real
 * processes. The harness hands each check the one for its profile; where an operation cannot exist (one
 * process has no broker to restart, no service to kill apart from the rest), it throws Skipped and the check
 * is reported as skipped with the reason, never passed or silently ignored.
 */
export interface Nemesis {
  /** SIGKILL the process hosting `module`; resolves once its supervisor has it serving again. */
  kill(module: string): Promise<void>;
  /** SIGSTOP the process hosting `module` for `ms` of real time (a GC pause, a frozen VM), then SIGCONT. */
  pause(module: string, ms: number): Promise<void>;
  /** A pause past the broker's lock on the jobs the process holds (TEST_LOCK_MS and a second): they count as stalled. */
  pausePastLock(module: string): Promise<void>;
  /** SIGKILL the topology's own Redis; resolves once its supervisor has it back on its data. */
  restartBroker(): Promise<void>;
}

const BACK_WITHIN_MS = 30_000;

/**
 * Settings of topologies a run kills on purpose, over and over (the crash sweep, the soak): a circuit a kill
 * opened is probed again after half a second instead of five, so the restarted service takes its callers'
 * calls again within the check (and the next starts from closed circuits); and a service killed again and
 * again on purpose is no crash loop for its supervisor.
 */
export const nemesisSettings: Readonly<Record<string, string>> = { TWOFOLD_BREAKER_COOLDOWN_MS: "500", TWOFOLD_MAX_RESTARTS: "1000" };
/** How far past the lock a pause lasts: the lock has expired whatever the timing of its last renewal. */
const PAST_LOCK_MS = 1000;

/** For a one-process profile: every operation is skipped, saying why. */
export const oneProcessNemesis = (): Nemesis => {
  const skip = (reason: string) => () => Promise.reject(new Skipped(reason));
  return {
    kill: skip("one process: killing a module's process kills them all"),
    pause: skip("one process: pausing a module's process pauses them all"),
    pausePastLock: skip("one process: pausing a module's process pauses them all, and its bus holds no broker locks"),
    restartBroker: skip("one process: there is no broker to restart"),
  };
};

/** For a split topology the harness started: signals to its processes and to its own Redis. */
export function splitNemesis(topology: StartedTopology): Nemesis {
  const ready = async (name: string) => {
    const answer = await fetch(`${topology.url}/ready`);
    const body = (await answer.json()) as { checks?: Record<string, boolean> };
    return body.checks?.[name] === true;
  };
  const nemesis: Nemesis = {
    async kill(module) {
      const name = topology.processOf(module);
      const before = topology.processes.pid(name);
      process.kill(before, "SIGKILL");
      await eventually(
        async () => {
          if (topology.processes.pid(name) === before || !(await ready(name))) throw new Error(`${name} is not back yet`);
        },
        { timeoutMs: BACK_WITHIN_MS },
      );
    },
    async pause(module, ms) {
      const pid = topology.processes.pid(topology.processOf(module));
      process.kill(pid, "SIGSTOP");
      try {
        await Bun.sleep(ms);
      } finally {
        process.kill(pid, "SIGCONT");
      }
    },
    pausePastLock: (module) => nemesis.pause(module, TEST_LOCK_MS + PAST_LOCK_MS),
    async restartBroker() {
      const pidOf = topology.redis?.pid;
      if (!pidOf) throw new Skipped("this topology's Redis is shared with others (REDIS_URL): it is not restarted under them");
      const killed = pidOf();
      // A kill by pid, not through its group: the supervisor must see a crash and restart it, as in production.
      process.kill(killed, "SIGKILL");
      await eventually(
        async () => {
          if (pidOf() === killed || !(await ready("redis"))) throw new Error("redis is not back yet");
        },
        { timeoutMs: BACK_WITHIN_MS },
      );
    },
  };
  return nemesis;
}
