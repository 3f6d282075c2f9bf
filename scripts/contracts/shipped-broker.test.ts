import { describe, expect, it } from "vitest";
import { readSnapshot } from "./broker-store.ts";
import { canIDeploy } from "./can-i-deploy.ts";
import { DEFAULT_BROKER, DEFAULT_DEPLOYMENTS, verificationsFile } from "./cli/paths.ts";
import { readDeployments } from "./deployments.ts";
import { readVerifications } from "./verifications.ts";

const deployments = readDeployments(DEFAULT_DEPLOYMENTS);
const broker = {
  snapshot: (m: string, v: string) => readSnapshot(DEFAULT_BROKER, m, v),
  verifications: readVerifications(verificationsFile(DEFAULT_BROKER)),
};

describe("the shipped broker and deployments", () => {
  it("have a staging and a production environment, and a snapshot of every version deployed in them", () => {
    expect(Object.keys(deployments.environments)).toEqual(expect.arrayContaining(["staging", "production"]));
    for (const modules of Object.values(deployments.environments)) {
      for (const [module, version] of Object.entries(modules)) expect(broker.snapshot(module, version), `${module}@${version}`).toBeDefined();
    }
  });

  it("say yes to redeploying every module at the version it runs at", () => {
    for (const [environment, modules] of Object.entries(deployments.environments)) {
      for (const [module, version] of Object.entries(modules))
        expect(canIDeploy(module, version, environment, broker, deployments).reasons).toEqual([]);
    }
  });
});
