import * as v from "valibot";
import { MAX_REPLICAS, type PlacementOverrides, serviceKey } from "../config.ts";

const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));
const Name = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"));
const Replicas = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_REPLICAS));
const Host = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be an IPv4 address or a host name"));

/** Where a service is reached when neither its topology entry nor `TWOFOLD_HOST_<SERVICE>` says. */
const DEFAULT_HOST = "127.0.0.1";

const TopologyFile = v.object({
  gateway: v.object({ port: Port }),
  services: v.pipe(
    v.array(
      v.object({
        name: Name,
        modules: v.pipe(v.array(Name), v.minLength(1)),
        host: v.optional(Host),
        port: Port,
        replicas: v.optional(Replicas),
      }),
    ),
    v.minLength(1),
  ),
});

/** One process of a service: the first is named as the service, the others `<service>-<n>`. */
interface Instance {
  readonly name: string;
  readonly service: string;
  /** The address the other processes reach it at; by default also the one it listens on (TWOFOLD_BIND_HOST overrides). */
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

interface ServicePlacement extends Omit<Instance, "service"> {
  readonly modules: readonly string[];
  /** Its processes, the first at the service's own address; more than one are replicas of each other. */
  readonly instances: readonly Instance[];
}

/** Which modules run in which process when split, and where each process listens. */
export interface Topology {
  readonly gatewayPort: number;
  readonly services: readonly ServicePlacement[];
  /** Every service process of the topology, replicas included. */
  readonly instances: readonly Instance[];
  serviceOf(module: string): ServicePlacement | undefined;
  instanceNamed(name: string): Instance | undefined;
  /**
   * Where a call or a request for `module` goes now: its service's instances in turn, so replicas share the
   * load (BullMQ shares the events: they compete for one queue).
   */
  addressOf(module: string): string | undefined;
}

/** Where replica `n` (from 2) listens unless `TWOFOLD_PORT_<SERVICE>_<n>` says: 100 ports above the one before. */
const REPLICA_PORT_STEP = 100;

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
    const host = overrides.hosts.get(key) ?? service.host ?? DEFAULT_HOST;
    const port = overrides.ports.get(key) ?? service.port;
    const replicas = overrides.replicas ?? service.replicas ?? 1;
    const instances = Array.from({ length: replicas }, (_, i) => {
      const name = instanceName(service.name, i);
      return { name, host, port: i === 0 ? port : (overrides.ports.get(serviceKey(name)) ?? port + i * REPLICA_PORT_STEP) };
    });
    return placement(service.name, service.modules, instances);
  });
  return topologyOf(overrides.publicPort ?? parsed.output.gateway.port, services);
}

/** The name of a service's `index`th process (from 0). */
const instanceName = (service: string, index: number): string => (index === 0 ? service : `${service}-${index + 1}`);

/**
 * The same topology with every service reached at another address: a deployment's own names for its
 * services (the Kubernetes Service or compose service of each), ports and modules unchanged.
 */
export function withHosts(topology: Topology, hostOf: (service: string) => string): Topology {
  return topologyOf(
    topology.gatewayPort,
    topology.services.map((s) =>
      placement(
        s.name,
        s.modules,
        s.instances.map((i) => ({ name: i.name, host: hostOf(s.name), port: i.port })),
      ),
    ),
  );
}

function placement(name: string, modules: readonly string[], at: readonly { name: string; host: string; port: number }[]): ServicePlacement {
  const instances = at.map((i) => ({ ...i, service: name, url: `http://${i.host}:${i.port}` }));
  const first = instances[0] as Instance;
  return { name, modules, host: first.host, port: first.port, url: first.url, instances };
}

function topologyOf(gatewayPort: number, services: readonly ServicePlacement[]): Topology {
  const owner = new Map(services.flatMap((s) => s.modules.map((m) => [m, s] as const)));
  const turns = new Map<string, number>();
  const instances = services.flatMap((s) => s.instances);
  return {
    gatewayPort,
    services,
    instances,
    serviceOf: (module) => owner.get(module),
    instanceNamed: (name) => instances.find((i) => i.name === name),
    addressOf: (module) => {
      const service = owner.get(module);
      if (!service) return undefined;
      const turn = turns.get(service.name) ?? 0;
      turns.set(service.name, turn + 1);
      return service.instances[turn % service.instances.length]?.url;
    },
  };
}

/** Reads the topology file; without one (a bare compiled binary), the description built into the program. */
export async function loadTopology(file: string, builtIn: unknown, modules: readonly string[], overrides: PlacementOverrides): Promise<Topology> {
  const source = Bun.file(file);
  return parseTopology((await source.exists()) ? await source.json() : builtIn, modules, overrides);
}
