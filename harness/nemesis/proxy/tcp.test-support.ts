import type { Socket, TCPSocketListener } from "bun";

/** Writes all of `data`, however little each `write` takes, continuing on `drain`. */
class Outbox {
  private readonly queue: Uint8Array[] = [];

  constructor(private readonly socket: () => Socket<unknown> | undefined) {}

  send(data: Uint8Array): void {
    this.queue.push(data);
    this.flush();
  }

  flush(): void {
    const socket = this.socket();
    for (let head = this.queue[0]; socket && head; head = this.queue[0]) {
      const written = socket.write(head);
      if (written < 0) return void this.queue.splice(0);
      if (written < head.length) return void (this.queue[0] = head.subarray(Math.max(0, written)));
      this.queue.shift();
    }
  }
}

/** What the upstream server does with each connection. */
type Behaviour =
  | { readonly kind: "echo" }
  /** Says `greeting` at once, then echoes. */
  | { readonly kind: "greet"; readonly greeting: string }
  /** Closes at once. */
  | { readonly kind: "hang-up" }
  /** Sends `bytes` bytes (a repeating pattern), with backpressure, then closes. */
  | { readonly kind: "blast"; readonly bytes: number };

export interface Upstream {
  readonly address: string;
  /** Connections it has open. */
  readonly open: () => number;
  stop(): void;
}

/** `bytes` bytes counting 0..250 over and over: a bytes lost, repeated or reordered shows as a mismatch (251 is prime). */
export function pattern(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < Math.min(bytes, 251); i++) data[i] = i;
  for (let filled = 251; filled < bytes; filled *= 2) data.copyWithin(filled, 0, filled);
  return data;
}

/** A real TCP server on loopback for the proxy to forward to. */
export function startUpstream(behaviour: Behaviour = { kind: "echo" }): Upstream {
  let open = 0;
  const outboxes = new WeakMap<Socket<unknown>, Outbox>();
  const listener: TCPSocketListener<unknown> = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(socket) {
        open++;
        const outbox = new Outbox(() => socket);
        outboxes.set(socket, outbox);
        if (behaviour.kind === "greet") outbox.send(new TextEncoder().encode(behaviour.greeting));
        if (behaviour.kind === "hang-up") socket.end();
        if (behaviour.kind === "blast") outbox.send(pattern(behaviour.bytes));
      },
      data(socket, data) {
        if (behaviour.kind === "echo" || behaviour.kind === "greet") outboxes.get(socket)?.send(new Uint8Array(data));
      },
      drain: (socket) => outboxes.get(socket)?.flush(),
      close: () => void open--,
      error: () => {},
    },
  });
  return { address: `127.0.0.1:${listener.port}`, open: () => open, stop: () => listener.stop(true) };
}

interface Received {
  readonly data: Uint8Array;
  readonly at: number;
}

/** A raw TCP client: what it received, chunk by chunk, and how and when it was closed. */
export interface Client {
  readonly openedAt: number;
  readonly chunks: readonly Received[];
  readonly bytes: () => number;
  readonly text: () => string;
  /** Resolves when the socket closes: when, and the error code if it was torn down (ECONNRESET). */
  readonly closed: Promise<{ at: number; code?: string }>;
  send(data: string | Uint8Array): void;
  /** Stops reading, so the proxy's writes back up; `resume` reads again. */
  pause(): void;
  resume(): void;
  end(): void;
}

export async function connect(port: number): Promise<Client> {
  const chunks: Received[] = [];
  let socket: Socket<unknown> | undefined;
  const outbox = new Outbox(() => socket);
  let onClose: (closed: { at: number; code?: string }) => void = () => {};
  const closed = new Promise<{ at: number; code?: string }>((resolve) => (onClose = resolve));
  socket = await Bun.connect({
    hostname: "127.0.0.1",
    port,
    socket: {
      data: (_, data) => void chunks.push({ data: new Uint8Array(data), at: performance.now() }),
      drain: () => outbox.flush(),
      close: (_, error) => onClose({ at: performance.now(), code: (error as { code?: string } | undefined)?.code }),
      error: () => {},
    },
  });
  const bytes = () => chunks.reduce((sum, c) => sum + c.data.length, 0);
  return {
    openedAt: performance.now(),
    chunks,
    bytes,
    text: () => new TextDecoder().decode(Buffer.concat(chunks.map((c) => c.data))),
    closed,
    send: (data) => outbox.send(typeof data === "string" ? new TextEncoder().encode(data) : data),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    end: () => socket.end(),
  };
}
