import type { Subprocess } from "bun";

/**
 * Copies a child's output to ours line by line, each line prefixed with the child's name, except a JSON
 * record (production's log lines): it names its service itself, and a prefix would make it no longer JSON.
 */
export async function prefixLines(stream: ReadableStream<Uint8Array>, name: string, write: (line: string) => void): Promise<void> {
  const label = (line: string) => write(line.startsWith("{") ? line : `${name.padEnd(14)}│ ${line}`);
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) label(line);
  }
  if (buffered) label(buffered);
}

/** Sends SIGTERM and waits; a child that has not exited after `graceMs` is killed. */
export async function terminate(child: Subprocess, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

interface Probed {
  readonly ok: boolean;
  /** The process that answered, when it says (a twofold process's readiness names it). */
  readonly process?: unknown;
}

/** One readiness probe: an HTTP GET answering 2xx, or for `tcp://host:port` (redis-server) a connection accepted. */
function probe(url: string): Promise<Probed> {
  const address = new URL(url);
  if (address.protocol === "tcp:") {
    return Bun.connect({ hostname: address.hostname, port: Number(address.port), socket: { data() {} } }).then(
      (socket) => (socket.end(), { ok: true }),
      () => ({ ok: false }),
    );
  }
  return fetch(url, { signal: AbortSignal.timeout(1000) }).then(
    async (r) => ({ ok: r.ok, process: ((await r.json().catch(() => ({}))) as { process?: unknown }).process }),
    () => ({ ok: false }),
  );
}

/** Polls `url` (probe) until it is ready, the child exits, or `timeoutMs` passes. */
export async function waitReady(url: string, child: Subprocess, timeoutMs: number, name: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    const answer = await probe(url);
    // Another process answering on this address (a port handed out twice) is not this one being ready.
    if (answer.ok && answer.process !== undefined && answer.process !== name) {
      throw new Error(`${url} is answered by ${String(answer.process)}, not ${name}: two processes were given one address`);
    }
    if (answer.ok) return;
    if (performance.now() > deadline) throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
    await Bun.sleep(25);
  }
}
