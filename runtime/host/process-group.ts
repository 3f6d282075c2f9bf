import type { Subprocess } from "bun";
import type { LineSink, Logger } from "../log/logger.ts";
import { prefixLines, terminate, waitReady } from "./child.ts";
import type { RunningProcess } from "./process.ts";

export interface ProcessSpec {
  readonly name: string;
  /** Arguments after the program, e.g. ["service", "users"]. */
  readonly args: readonly string[];
  /** Answers 2xx once the process is ready; `tcp://host:port` for one that speaks no HTTP (accepts a connection). */
  readonly readyUrl: string;
}

export interface GroupOptions {
  /** How to start this program again: `[bun, scripts/twofold.ts]` from source, `[binary]` when compiled. */
  readonly command: readonly string[];
  /** Environment for every child (REDIS_URL, internal token, harness switches...). */
  readonly env: Record<string, string | undefined>;
  /** Working directory of every child; defaults to this process's. */
  readonly cwd?: string;
  /** The group's own records: restarts, crashes, giving up. */
  readonly log: Logger;
  /** Where the children's lines go, each labelled with its child (prefixLines); by default this process's stderr. */
  readonly output?: LineSink;
  /**
   * Restart a child that exits while it is meant to be running, as systemd's `Restart=on-failure` or a
   * Kubernetes restart policy would; without it, a crash is only reported (onCrash).
   */
  readonly restartPolicy?: RestartPolicy;
  /** Called when a child exits while it is meant to be running, each time. */
  readonly onExit?: (name: string, code: number | null) => void;
  /** Called when a child is given up on: it crashed without a restart policy, or crash-looped. */
  readonly onCrash?: (name: string, code: number | null) => void;
  /** Who stops first on a clean stop, wave after wave (each wave at once); anyone not named goes last. */
  readonly stopOrder?: readonly (readonly string[])[];
  readonly readyTimeoutMs?: number;
  /** Aborting it while the group is starting stops every child started so far and rejects the launch. */
  readonly signal?: AbortSignal;
}

export interface RestartPolicy {
  /** The first restart waits this long; each next one twice as long, up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** More than this many restarts of one child within windowMs is a crash loop: it is given up on. */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

/** How long a process may drain after SIGTERM before it is killed (its requests get 10 s of it: assemble.ts). */
export const STOP_GRACE_MS = 15_000;

/** The split launcher's policy: quick first restarts, a crash loop is 5 restarts within a minute. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { backoffMs: 100, maxBackoffMs: 5000, maxRestarts: 5, windowMs: 60_000 };

/** The default policy with the crash-loop bound the settings give (TWOFOLD_MAX_RESTARTS). */
export const restartPolicy = (maxRestarts: number): RestartPolicy => ({ ...DEFAULT_RESTART_POLICY, maxRestarts });

/** Processes of one topology started from the same program, with a handle to stop, kill or restart each. */
export interface ProcessGroup extends RunningProcess {
  readonly names: readonly string[];
  /** The OS process id of one process. */
  pid(name: string): number;
  /** Sends a signal to one process without restarting it (fault injection, crash tests); settles once it has exited. */
  kill(name: string, signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts a process again (stopping it first if it still runs) and waits until it is ready. */
  restart(name: string): Promise<void>;
}

interface Child extends ProcessSpec {
  readonly process: Subprocess<"ignore", "pipe", "pipe">;
}

/**
 * Starts every process, waits until each is ready, and watches them: a child that exits unexpectedly is
 * reported, never ignored. The split launcher and the harness (for the monolith too) start topologies here.
 */
export async function launchGroup(name: string, specs: readonly ProcessSpec[], options: GroupOptions): Promise<ProcessGroup> {
  const started = performance.now();
  const { log } = options;
  const output = options.output ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let stopping = false;
  const children = new Map<string, Child>();
  /** Processes stopped on purpose: their exit is not a crash. */
  const expected = new Set<Subprocess>();
  /** When each child was restarted by the policy, for crash-loop detection. */
  const restarts = new Map<string, number[]>();

  const supervise = (spec: ProcessSpec, code: number | null, signal: NodeJS.Signals | number | null) => {
    const reason = signal ? `signal ${signal}` : `exit code ${code}`;
    options.onExit?.(spec.name, code);
    const policy = options.restartPolicy;
    if (!policy) {
      log.error({ child: spec.name, reason }, `✖ ${spec.name} exited unexpectedly (${reason})`);
      return options.onCrash?.(spec.name, code);
    }
    const now = performance.now();
    const recent = (restarts.get(spec.name) ?? []).filter((at) => now - at < policy.windowMs);
    if (recent.length >= policy.maxRestarts) {
      log.error(
        { child: spec.name, reason, exits: recent.length + 1, window_ms: policy.windowMs },
        `✖ ${spec.name} exited (${reason}) ${recent.length + 1} times within ${policy.windowMs / 1000} s: a crash loop, giving up`,
      );
      return options.onCrash?.(spec.name, code);
    }
    restarts.set(spec.name, [...recent, now]);
    const waitMs = Math.min(policy.backoffMs * 2 ** recent.length, policy.maxBackoffMs);
    log.warn(
      { child: spec.name, reason, restart: recent.length + 1, wait_ms: waitMs },
      `↻ ${spec.name} exited (${reason}); restart ${recent.length + 1} in ${waitMs} ms`,
    );
    setTimeout(() => {
      if (stopping) return;
      const fresh = spawn(spec);
      // A restart that dies before it is ready is seen by its own exit handler, which decides again.
      waitReady(fresh.readyUrl, fresh.process, readyTimeoutMs, spec.name).then(
        () => log.info({ child: spec.name }, `✔ ${spec.name} is back`),
        () => {},
      );
    }, waitMs);
  };

  const spawn = (spec: ProcessSpec): Child => {
    const process = Bun.spawn([...options.command, ...spec.args], {
      cwd: options.cwd,
      env: options.env as Record<string, string>,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    void prefixLines(process.stdout, spec.name, output);
    void prefixLines(process.stderr, spec.name, output);
    void process.exited.then((code) => {
      if (stopping || expected.has(process)) return;
      supervise(spec, code, process.signalCode);
    });
    const child = { ...spec, process };
    children.set(spec.name, child);
    return child;
  };
  const childOf = (name: string): Child => {
    const child = children.get(name);
    if (!child) throw new Error(`no process ${name} (have ${[...children.keys()].join(", ")})`);
    return child;
  };
  // However this process ends (process.exit anywhere, an uncaught error), its children end with it.
  const killAll = () => {
    for (const child of children.values()) child.process.kill("SIGKILL");
  };
  process.once("exit", killAll);
  const stopAll = async () => {
    stopping = true;
    const waves = options.stopOrder ?? [];
    const named = new Set(waves.flat());
    const last = [...children.keys()].filter((child) => !named.has(child));
    for (const wave of [...waves, last]) {
      await Promise.all(wave.flatMap((child) => children.get(child) ?? []).map((c) => terminate(c.process, STOP_GRACE_MS)));
    }
    process.off("exit", killAll);
  };

  try {
    options.signal?.throwIfAborted();
    const all = specs.map(spawn);
    await abortable(Promise.all(all.map((c) => waitReady(c.readyUrl, c.process, readyTimeoutMs, c.name))), options.signal);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    name,
    log,
    url: "",
    startupMs: performance.now() - started,
    names: [...children.keys()],
    stop: stopAll,
    pid: (child) => childOf(child).process.pid,
    kill(child, signal = "SIGKILL") {
      const { process } = childOf(child);
      expected.add(process);
      process.kill(signal);
      return process.exited;
    },
    async restart(child) {
      const old = childOf(child);
      expected.add(old.process);
      await terminate(old.process, STOP_GRACE_MS);
      const fresh = spawn(old);
      await waitReady(fresh.readyUrl, fresh.process, readyTimeoutMs, child);
    },
  };
}

/** Settles like `work`, or rejects with the signal's reason as soon as it is aborted. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
