/** Ports this process has handed out: the OS may offer a released port again, and two services given one port collide. */
const handedOut = new Set<number>();

/**
 * A TCP port that was free a moment ago on loopback (the OS picks it), never one this process handed out
 * before: a topology's ports are picked one after another before anything binds them, and a port offered
 * twice made two services share one address (a request for orders answered by notifications).
 */
export function freePort(): number {
  for (;;) {
    const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const { port } = listener;
    listener.stop(true);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

/** Resolves once something accepts TCP connections on the port, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } }).then(
      (socket) => (socket.end(), true),
      () => false,
    );
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
    await Bun.sleep(20);
  }
}
