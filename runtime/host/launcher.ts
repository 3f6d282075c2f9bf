import type { Subprocess } from "bun";
import { prefixLines, terminate, waitReady } from "./child.ts";
import type { RunningProcess } from "./process.ts";
import type { Topology } from "./topology.ts";

export interface LaunchOptions {
  readonly topology: Topology;
  /** How to start this program again: `[bun, scripts/twofold.ts]` from source, `[binary]` when compiled. */
  readonly command: readonly string[];
  /** Environment for every child (REDIS_URL, internal token, harness switches...). */
  readonly env: Record<string, string | undefined>;
  /** Working directory of every child; defaults to this process's. */
  readonly cwd?: string;
  readonly log?: (line: string) => void;
  /** Called when a child exits while the topology is meant to be running. */
  readonly onCrash?: (name: string, code: number | null) => void;
  readonly readyTimeoutMs?: number;
}

interface Child {
  readonly name: string;
  readonly args: readonly string[];
  readonly readyUrl: string;
  readonly process: Subprocess<"ignore", "pipe", "pipe">;
}

/** The split topology as separate processes, with a handle to stop, kill or restart any one of them. */
export interface SplitTopology extends RunningProcess {
  readonly names: readonly string[];
  /** The OS process id of one process of the topology. */
  pid(name: string): number;
  /** Sends a signal to one process without restarting it (fault injection, crash tests). */
  kill(name: string, signal?: NodeJS.Signals): void;
  /** Starts a process that has stopped (or stops and starts a running one) and waits until it is ready. */
  restart(name: string): Promise<void>;
}

/**
 * Starts one process per service plus the gateway, all from the same program, and waits until every one is
 * ready. A child that exits unexpectedly is reported, never ignored.
 */
export async function launchSplit(options: LaunchOptions): Promise<SplitTopology> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.error(line));
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let stopping = false;
  const children = new Map<string, Child>();
  /** Processes we stopped on purpose: their exit is not a crash. */
  const expected = new Set<Subprocess>();

  const spawn = (child: Omit<Child, "process">): Child => {
    const process = Bun.spawn([...options.command, ...child.args], {
      cwd: options.cwd,
      env: options.env as Record<string, string>,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    void prefixLines(process.stdout, child.name, log);
    void prefixLines(process.stderr, child.name, log);
    const running: Child = { ...child, process };
    void process.exited.then((code) => {
      if (stopping || expected.has(process)) return;
      log(`[launcher] ✖ ${child.name} exited unexpectedly (${code ?? process.signalCode})`);
      options.onCrash?.(child.name, code);
    });
    children.set(child.name, running);
    return running;
  };

  const stopAll = async () => {
    stopping = true;
    await Promise.all([...children.values()].map((c) => terminate(c.process, 15_000)));
  };

  try {
    const services = options.topology.services.map((s) => spawn({ name: s.name, args: ["service", s.name], readyUrl: `${s.url}/ready` }));
    const gatewayUrl = `http://127.0.0.1:${options.topology.gatewayPort}`;
    const gateway = spawn({ name: "gateway", args: ["gateway"], readyUrl: `${gatewayUrl}/ready` });
    await Promise.all([...services, gateway].map((c) => waitReady(c.readyUrl, c.process, readyTimeoutMs, c.name)));
    const startupMs = performance.now() - started;
    log(`[launcher] split topology ready in ${startupMs.toFixed(0)} ms: gateway ${gatewayUrl}`);
    return {
      name: "split",
      url: gatewayUrl,
      startupMs,
      names: [...children.keys()],
      stop: stopAll,
      pid(name) {
        const child = children.get(name);
        if (!child) throw new Error(`no process ${name}`);
        return child.process.pid;
      },
      kill(name, signal = "SIGKILL") {
        const child = children.get(name);
        if (!child) throw new Error(`no process ${name}`);
        expected.add(child.process);
        child.process.kill(signal);
      },
      async restart(name) {
        const child = children.get(name);
        if (!child) throw new Error(`no process ${name}`);
        expected.add(child.process);
        await terminate(child.process, 15_000);
        const fresh = spawn(child);
        await waitReady(fresh.readyUrl, fresh.process, readyTimeoutMs, name);
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
