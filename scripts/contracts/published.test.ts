import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { everyModule } from "../../modules/index.ts";
import { readSnapshot } from "./broker-store.ts";
import { DEFAULT_BROKER, DEFAULT_PACTS } from "./cli/paths.ts";
import { describeSystem } from "./describe.ts";
import { pactFiles } from "./pact.ts";

const current = describeSystem({ modules: everyModule });

/**
 * What is published must be what the code says. A module's contracts cannot change under a version already
 * in the broker (bump the module's version, then `bun run contracts publish`), and the Pact files must be
 * regenerated with the contracts (`bun run contracts pact`).
 */
describe("published contracts match the code", () => {
  it.each(current.modules.map((m) => [`${m.name}@${m.version}`, m] as const))("the broker's %s is the working tree's", (_, module) => {
    const published = readSnapshot(DEFAULT_BROKER, module.name, module.version);
    expect(published, `${module.name}@${module.version} is not published: run bun run contracts publish`).toBeDefined();
    expect(published, `${module.name}'s contracts changed under ${module.version}: bump its version and publish`).toEqual(module);
  });

  it("the Pact files are those the contracts generate", () => {
    const generated = pactFiles(current);
    const written = readdirSync(DEFAULT_PACTS)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(written, "run bun run contracts pact").toEqual(generated.map((p) => p.file).sort());
    for (const { file, pact } of generated) {
      expect(JSON.parse(readFileSync(join(DEFAULT_PACTS, file), "utf8")), `${file} is stale: run bun run contracts pact`).toEqual(pact);
    }
  });
});
