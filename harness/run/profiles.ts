import type { TransportName } from "../../runtime/bus/transports.ts";
import type { TopologyKind } from "../topologies.ts";

/** A way to run the system, as data; everything that runs or names profiles derives from `profiles`. */
export interface ProfileSpec {
  /** Which processes it starts: one (monolith) or one per service plus the gateway (split). */
  readonly topology: TopologyKind;
  /** The channels its processes use; unset, the topology's own (monolith: memory, split: wire). */
  readonly transport?: TransportName;
  /** Faults every process runs with, in their written form (runtime/bus/faults/): a preset or a list. */
  readonly faults?: string;
  /** Processes per service (split): replicas compete for their service's events and share its calls. */
  readonly replicas?: number;
  /** Run only when named (`--profile`): why it is not among the profiles every run and `bun run test` take. */
  readonly optIn?: string;
  readonly description: string;
}

/** The profiles. A new profile is one entry: the vitest projects, the harness CLI and the mutant runner follow. */
const profiles = {
  monolith: { topology: "monolith", description: "every module in one process, the in-memory bus, inline delivery" },
  "monolith-strict": {
    topology: "monolith",
    faults: "strict",
    description: "one process whose bus behaves like the wire: JSON copies, later turns, seeded delays and duplicates",
  },
  split: { topology: "split", description: "one process per service plus the gateway: HTTP calls, BullMQ events, Postgres" },
  "split-replicated": {
    topology: "split",
    replicas: 2,
    optIn:
      "twenty processes: about 90 s of checks and 12 s to start on two cores, more than the three default profiles' checks together; clean since its two findings were fixed (flag copies, relays publishing twice)",
    description: "split with two processes per service: calls balanced across them, events competing for one queue, background tasks racing",
  },
} as const satisfies Record<string, ProfileSpec>;

export type ProfileName = keyof typeof profiles;

export interface Profile extends ProfileSpec {
  readonly name: ProfileName;
}

export const profileNames = Object.keys(profiles) as ProfileName[];

/** The profiles a run takes unless told which: every one not opt-in. */
export const defaultProfileNames = profileNames.filter((name) => !(profiles[name] as ProfileSpec).optIn);

export const profileOf = (name: ProfileName): Profile => ({ name, ...(profiles[name] as ProfileSpec) });

/**
 * The one place a profile becomes its processes' settings, with the run's seed for every random choice and
 * the run's own faults (`bun run harness --faults`) after the profile's, so one of the same key replaces it.
 */
export function profileEnv(profile: Profile, seed: number, runFaults = ""): Record<string, string> {
  const faults = [profile.faults, runFaults].filter(Boolean).join(",");
  return {
    TWOFOLD_SEED: String(seed),
    ...(profile.transport ? { TWOFOLD_TRANSPORT: profile.transport } : {}),
    ...(faults ? { TWOFOLD_FAULTS: faults } : {}),
    ...(profile.replicas ? { TWOFOLD_REPLICAS: String(profile.replicas) } : {}),
  };
}
