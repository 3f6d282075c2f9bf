import { DEFAULT_SYSTEM, type SystemName, systemNames } from "../../modules/index.ts";
import { defaultProfileNames, type ProfileName } from "./profiles.ts";

/** A vitest project that runs one system's checks against one profile's topology. */
interface ProfileProject {
  readonly name: string;
  readonly system: SystemName;
  readonly profile: ProfileName;
}

/**
 * One per system and default profile (opt-in ones run from the harness), from both registries: the default system's are named after the profile alone
 * (`monolith`, as they always were), any other's `<system>:<profile>` (`learning:monolith`).
 */
export const profileProjects: readonly ProfileProject[] = systemNames.flatMap((system) =>
  defaultProfileNames.map((profile) => ({ system, profile, name: system === DEFAULT_SYSTEM ? profile : `${system}:${profile}` })),
);

export function profileProject(name: string): ProfileProject {
  const project = profileProjects.find((p) => p.name === name);
  if (!project) throw new Error(`no profile project named ${name}`);
  return project;
}
