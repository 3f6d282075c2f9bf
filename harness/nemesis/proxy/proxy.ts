import type { TCPSocketListener } from "bun";
import { type Address, formatAddress, parseAddress } from "./address.ts";
import { type Connection, type ConnectionSite, clientHandlers } from "./connection.ts";
import { NameTakenError } from "./errors.ts";
import type { Toxic } from "./registry.ts";
import { parseFaults } from "./spec.ts";
import { type Stream, streams } from "./toxic.ts";

export interface FaultProxyOptions {
  /** Toxiproxy's name for it; "proxy" when not given. */
  readonly name?: string;
  /** `host:port` to listen on; port 0 (the default, on 127.0.0.1) lets the OS choose, kept across disable and enable. */
  readonly listen?: string;
  /** `host:port` every connection is forwarded to. */
  readonly upstream: string;
  /** The faults it starts with, written as parseFaults reads them (`latency=200±50,down`). */
  readonly faults?: string;
  /** Draws toxicity and jitter; a seeded one replays them. */
  readonly random?: () => number;
}

/** A proxy as the control API shows it: Toxiproxy's fields. */
export interface ProxyView {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly toxics: readonly Toxic[];
}

/**
 * A TCP proxy that injects faults: it forwards every connection it accepts to `upstream`, through the toxics
 * on it at the time (added and removed while connections are open, which see the change at once). Disabled
 * (`down`), it stops listening and drops every open connection, as an upstream that went away.
 */
export class FaultProxy {
  readonly name: string;
  readonly upstream: string;
  private address: Address;
  private listener: TCPSocketListener<Connection> | undefined;
  private current: Toxic[] = [];
  private readonly connections = new Set<Connection>();
  private readonly emptied = new Set<() => void>();
  private readonly site: ConnectionSite;

  constructor(options: FaultProxyOptions) {
    this.name = options.name ?? "proxy";
    this.upstream = options.upstream;
    this.address = parseAddress(options.listen ?? "127.0.0.1:0");
    this.site = {
      upstream: parseAddress(options.upstream),
      toxics: () => this.current,
      random: options.random ?? Math.random,
      opened: (connection) => void this.connections.add(connection),
      closed: (connection) => this.forget(connection),
    };
  }

  get listen(): string {
    return formatAddress(this.address);
  }

  get port(): number {
    return this.address.port;
  }

  get enabled(): boolean {
    return this.listener !== undefined;
  }

  get toxics(): readonly Toxic[] {
    return this.current;
  }

  /** Open connections, and the bytes each direction holds in total (read, not yet written). */
  stats(): { connections: number; waiting: Record<Stream, number> } {
    const waiting = { upstream: 0, downstream: 0 };
    for (const connection of this.connections) for (const stream of streams) waiting[stream] += connection.waiting[stream];
    return { connections: this.connections.size, waiting };
  }

  view(): ProxyView {
    return { name: this.name, listen: this.listen, upstream: this.upstream, enabled: this.enabled, toxics: this.current };
  }

  enable(): void {
    if (this.listener) return;
    this.listener = Bun.listen<Connection>({ ...this.address, allowHalfOpen: true, socket: clientHandlers(this.site) });
    this.address = { hostname: this.address.hostname, port: this.listener.port };
  }

  /** Down: connections are refused, and the open ones reset. */
  disable(): void {
    for (const connection of this.connections) connection.reset();
    this.listener?.stop(true);
    this.listener = undefined;
  }

  /** Adds a toxic to every connection, open or to come. */
  addToxic(toxic: Toxic): Toxic {
    if (this.current.some((t) => t.name === toxic.name)) throw new NameTakenError(`toxic ${toxic.name} on proxy ${this.name}`);
    this.current = [...this.current, toxic];
    for (const connection of this.connections) connection.addToxic(toxic);
    return toxic;
  }

  /** Removes the toxic, from open connections too: what it held flows on. False when there is none of that name. */
  removeToxic(name: string): boolean {
    if (!this.current.some((t) => t.name === name)) return false;
    this.current = this.current.filter((t) => t.name !== name);
    for (const connection of this.connections) connection.removeToxic(name);
    return true;
  }

  /** Makes the written faults the proxy's: enabled or down, and exactly these toxics. */
  apply(written: string): void {
    const faults = parseFaults(written);
    for (const toxic of this.current) this.removeToxic(toxic.name);
    for (const toxic of faults.toxics) this.addToxic(toxic);
    if (faults.enabled) this.enable();
    else this.disable();
  }

  /** Stops listening and resets every connection; resolves once every socket is closed. */
  async stop(): Promise<void> {
    this.disable();
    if (this.connections.size > 0) await new Promise<void>((resolve) => this.emptied.add(resolve));
  }

  private forget(connection: Connection): void {
    this.connections.delete(connection);
    if (this.connections.size > 0) return;
    for (const resolve of this.emptied) resolve();
    this.emptied.clear();
  }
}

/** Starts a fault proxy (listening unless its faults say `down`). */
export function startFaultProxy(options: FaultProxyOptions): FaultProxy {
  const proxy = new FaultProxy(options);
  proxy.apply(options.faults ?? "");
  // Down from the start, it still takes its port now, so `port` names where it will listen once enabled.
  if (!proxy.enabled) proxy.enable(), proxy.disable();
  return proxy;
}
