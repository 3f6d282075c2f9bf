import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    profileProject: string;
  }
}

/**
 * Tells the profile project's one file which system and profile it is (harness/run/projects.ts). The file
 * starts and stops the topology itself (harness/suites/profile.test.ts): a topology started here would live
 * until the whole run ends, and six idle ones took most of a core from every test after them.
 */
export function setup(project: TestProject): void {
  project.provide("profileProject", project.name);
}
