import { describe, expect, it } from "vitest";
import { everyModule } from "../modules/index.ts";
import { loadConfig, RUNTIME_VARIABLES } from "../runtime/config.ts";
import { settingVariable } from "../runtime/settings.ts";
import { testEnv } from "./test-env.ts";

describe("the environment of topologies under test", () => {
  it("sets no TWOFOLD_ variable that nothing reads: each is the runtime's own or a setting some module declares", () => {
    const known = new Set([...RUNTIME_VARIABLES, ...everyModule.flatMap((m) => Object.keys(m.settings ?? {}).map(settingVariable))]);
    expect(Object.keys(testEnv()).filter((key) => key.startsWith("TWOFOLD_") && !known.has(key))).toEqual([]);
  });

  it("boots: every value it sets parses", () => {
    expect(() => loadConfig(testEnv(), everyModule)).not.toThrow();
  });
});
