import type { Socket, SocketHandler } from "bun";
import type { Address } from "./address.ts";
import { Link } from "./link.ts";
import type { Toxic } from "./registry.ts";
import { type Stream, streams } from "./toxic.ts";
import { SocketWriter } from "./writer.ts";

/** Past this many bytes waiting in one direction, its source is paused until the other end has taken most of them. */
const HIGH_WATER = 1 << 20;
const LOW_WATER = HIGH_WATER / 4;

/** What a connection needs of its proxy. */
export interface ConnectionSite {
  readonly upstream: Address;
  /** The toxics a new connection starts with. */
  toxics(): readonly Toxic[];
  readonly random: () => number;
  opened(connection: Connection): void;
  /** Both of its sockets are closed. */
  closed(connection: Connection): void;
}

type Side = "client" | "upstream";
/** The socket each direction reads from; the direction each socket feeds, and the one written to it. */
const sourceOf: Record<Stream, Side> = { upstream: "client", downstream: "upstream" };
const feeds: Record<Side, Stream> = { client: "upstream", upstream: "downstream" };
const writtenBy: Record<Side, Stream> = { client: "downstream", upstream: "upstream" };

/**
 * One client connection and the connection the proxy opened upstream for it: two links, one per direction,
 * each read from one socket, through its toxics, and written to the other. A FIN travels through the toxics
 * like data (so slow_close can hold it back) and is sent on as a FIN: the sockets close once both sides have sent one.
 */
export class Connection {
  private readonly links: Record<Stream, Link>;
  private readonly writers: Record<Stream, SocketWriter>;
  private readonly sockets: Partial<Record<Side, Socket<Connection>>> = {};
  private readonly open = new Set<Side>(["client", "upstream"]);
  private readonly paused = new Set<Stream>();
  private ending: "closing" | "resetting" | undefined;

  constructor(
    client: Socket<Connection>,
    private readonly site: ConnectionSite,
  ) {
    const linkSite = { close: () => this.close(), reset: () => this.reset(), random: site.random };
    this.links = { upstream: new Link("upstream", linkSite), downstream: new Link("downstream", linkSite) };
    this.writers = { upstream: this.writerFor("upstream"), downstream: this.writerFor("downstream") };
    for (const toxic of site.toxics()) this.addToxic(toxic);
    this.sockets.client = client;
    this.writers.downstream.attach(client);
    Bun.connect({ ...site.upstream, allowHalfOpen: true, data: this, socket: upstreamHandlers }).catch(() => {});
  }

  /** Bytes in each direction read and not yet written. */
  get waiting(): Record<Stream, number> {
    return { upstream: this.links.upstream.waiting, downstream: this.links.downstream.waiting };
  }

  addToxic(toxic: Toxic): void {
    if (!this.ending) this.links[toxic.stream].add(toxic);
  }

  removeToxic(name: string): void {
    for (const stream of streams) this.links[stream].remove(name);
  }

  /** Ends both sockets once what the toxics passed is written; what they still hold is dropped. */
  close(): void {
    if (this.ending) return;
    this.ending = "closing";
    for (const stream of streams) this.links[stream].halt(), this.links[stream].out.end();
  }

  /** Tears both sockets down at once: each peer sees a TCP RST. */
  reset(): void {
    if (this.ending === "resetting") return;
    this.ending = "resetting";
    for (const stream of streams) this.links[stream].halt();
    this.sockets.client?.terminate();
    this.sockets.upstream?.terminate();
  }

  received(side: Side, data: Uint8Array): void {
    if (this.ending) return;
    const stream = feeds[side];
    const link = this.links[stream];
    // Copied: the bytes wait at the toxics past this callback.
    link.entry.push({ data: new Uint8Array(data), at: performance.now() });
    if (link.waiting > HIGH_WATER && !this.paused.has(stream)) this.paused.add(stream), this.sockets[side]?.pause();
  }

  /** The side sent its FIN: the direction it feeds ends, after what its toxics still hold. */
  ended(side: Side): void {
    this.links[feeds[side]].entry.end();
  }

  connected(socket: Socket<Connection>): void {
    this.sockets.upstream = socket;
    if (this.ending === "resetting") socket.terminate();
    else this.writers.upstream.attach(socket);
  }

  drained(side: Side): void {
    this.writers[writtenBy[side]].flush();
  }

  /** The side's socket is closed (or never connected): it feeds nothing and takes nothing more. */
  lost(side: Side): void {
    if (!this.open.delete(side)) return;
    this.ended(side);
    this.writers[writtenBy[side]].lost();
    if (side === "upstream" && !this.sockets.upstream) this.close();
    if (this.open.size > 0) return;
    for (const stream of streams) this.links[stream].halt();
    this.site.closed(this);
  }

  private writerFor(stream: Stream): SocketWriter {
    return new SocketWriter(this.links[stream].out, {
      written: () => {
        if (!this.paused.has(stream) || this.links[stream].waiting > LOW_WATER) return;
        this.paused.delete(stream);
        this.sockets[sourceOf[stream]]?.resume();
      },
      // A direction that cannot deliver any more stops its toxics; the other runs until its own end.
      finished: () => this.links[stream].halt(),
    });
  }
}

const upstreamHandlers: SocketHandler<Connection> = {
  open: (socket) => socket.data.connected(socket),
  data: (socket, data) => socket.data.received("upstream", data),
  end: (socket) => socket.data.ended("upstream"),
  drain: (socket) => socket.data.drained("upstream"),
  close: (socket) => socket.data.lost("upstream"),
  connectError: (socket) => socket.data.lost("upstream"),
  error: () => {},
};

/** The listener's handlers: each accepted socket gets its Connection in `open`. */
export const clientHandlers = (site: ConnectionSite): SocketHandler<Connection> => ({
  open: (socket) => {
    socket.data = new Connection(socket, site);
    site.opened(socket.data);
  },
  data: (socket, data) => socket.data.received("client", data),
  end: (socket) => socket.data.ended("client"),
  drain: (socket) => socket.data.drained("client"),
  close: (socket) => socket.data.lost("client"),
  error: () => {},
});
