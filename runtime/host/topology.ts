import * as v from "valibot";
import { type PlacementOverrides, serviceKey } from "../config.ts";

const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));
const Name = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"));
const Host = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be an IPv4 address or a host name"));

/** Where a service is reached when neither its topology entry nor `TWOFOLD_HOST_<SERVICE>` says. */
const DEFAULT_HOST = "127.0.0.1";

const TopologyFile = v.object({
  gateway: v.object({ port: Port }),
  services: v.pipe(
    v.array(v.object({ name: Name, modules: v.pipe(v.array(Name), v.minLength(1)), host: v.optional(Host), port: Port })),
    v.minLength(1),
  ),
});

interface ServicePlacement {
  readonly name: string;
  readonly modules: readonly string[];
  /** The address the other processes reach it at; by default also the one it listens on (TWOFOLD_BIND_HOST overrides). */
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

/** Which modules run in which process when split, and where each process listens. */
export interface Topology {
  readonly gatewayPort: number;
  readonly services: readonly ServicePlacement[];
  serviceOf(module: string): ServicePlacement | undefined;
}

const NO_OVERRIDES: PlacementOverrides = { ports: new Map(), hosts: new Map() };

/**
 * Reads the topology description and applies the configuration's overrides (`PORT`, `TWOFOLD_PORT_<SERVICE>`,
 * `TWOFOLD_HOST_<SERVICE>`, read by loadConfig); a service's host is the override, else its `host` in the
 * file, else loopback. Every known module must be placed exactly once.
 */
export function parseTopology(raw: unknown, modules: readonly string[], overrides: PlacementOverrides = NO_OVERRIDES): Topology {
  const parsed = v.safeParse(TopologyFile, raw);
  if (!parsed.success) {
    throw new Error(`topology: ${parsed.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`).join("; ")}`);
  }
  const placed = parsed.output.services.flatMap((s) => s.modules);
  const unknown = placed.filter((m) => !modules.includes(m));
  const missing = modules.filter((m) => !placed.includes(m));
  const twice = placed.filter((m, i) => placed.indexOf(m) !== i);
  if (unknown.length || missing.length || twice.length) {
    throw new Error(`topology: unknown modules [${unknown}], unplaced modules [${missing}], placed twice [${twice}]`);
  }
  const services = parsed.output.services.map((service) => {
    const key = serviceKey(service.name);
    return placement(
      service.name,
      service.modules,
      overrides.hosts.get(key) ?? service.host ?? DEFAULT_HOST,
      overrides.ports.get(key) ?? service.port,
    );
  });
  return topologyOf(overrides.publicPort ?? parsed.output.gateway.port, services);
}

/**
 * The same topology with every service reached at another address: a deployment's own names for its
 * services (the Kubernetes Service or compose service of each), ports and modules unchanged.
 */
export function withHosts(topology: Topology, hostOf: (service: string) => string): Topology {
  return topologyOf(
    topology.gatewayPort,
    topology.services.map((s) => placement(s.name, s.modules, hostOf(s.name), s.port)),
  );
}

const placement = (name: string, modules: readonly string[], host: string, port: number): ServicePlacement => ({
  name,
  modules,
  host,
  port,
  url: `http://${host}:${port}`,
});

const topologyOf = (gatewayPort: number, services: readonly ServicePlacement[]): Topology => ({
  gatewayPort,
  services,
  serviceOf: (module) => services.find((s) => s.modules.includes(module)),
});

/** Reads the topology file; without one (a bare compiled binary), the description built into the program. */
export async function loadTopology(file: string, builtIn: unknown, modules: readonly string[], overrides: PlacementOverrides): Promise<Topology> {
  const source = Bun.file(file);
  return parseTopology((await source.exists()) ? await source.json() : builtIn, modules, overrides);
}
