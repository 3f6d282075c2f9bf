import type { TopologyKind } from "../topologies.ts";

export type ProfileName = "monolith" | "monolith-strict" | "split";

/** A way to run the system: which topology, with what extra settings (all derived from the run's seed). */
export interface Profile {
  readonly name: ProfileName;
  readonly kind: TopologyKind;
  readonly env: (seed: number) => Record<string, string>;
}

export const profiles: Readonly<Record<ProfileName, Profile>> = {
  monolith: { name: "monolith", kind: "monolith", env: (seed) => ({ TWOFOLD_SEED: String(seed) }) },
  "monolith-strict": { name: "monolith-strict", kind: "monolith", env: (seed) => ({ TWOFOLD_STRICT: "1", TWOFOLD_SEED: String(seed) }) },
  split: { name: "split", kind: "split", env: (seed) => ({ TWOFOLD_SEED: String(seed) }) },
};

export const profileNames = Object.keys(profiles) as ProfileName[];

export const isProfileName = (name: string): name is ProfileName => name in profiles;
