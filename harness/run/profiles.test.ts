import { describe, expect, it } from "vitest";
import { parseFaults } from "../../runtime/bus/faults/parse.ts";
import { profileEnv, profileOf } from "./profiles.ts";

describe("a profile's settings", () => {
  it("carry the run's faults after the profile's own, so a run's fault of the same key replaces the preset's", () => {
    const env = profileEnv(profileOf("monolith-strict"), 7, "duplicate=1,lose-reply:payments@0.5");
    expect(env).toEqual({ TWOFOLD_SEED: "7", TWOFOLD_FAULTS: "strict,duplicate=1,lose-reply:payments@0.5" });
    const faults = parseFaults(env.TWOFOLD_FAULTS);
    expect(faults.filter((f) => f.kind === "duplicate")).toEqual([{ kind: "duplicate", rate: 1 }]);
    expect(faults).toContainEqual({ kind: "lose-reply", target: "payments", rate: 0.5 });
  });

  it("have no faults where neither the profile nor the run has any", () => {
    expect(profileEnv(profileOf("monolith"), 1)).toEqual({ TWOFOLD_SEED: "1" });
    expect(profileEnv(profileOf("split"), 1, "down:search")).toEqual({ TWOFOLD_SEED: "1", TWOFOLD_FAULTS: "down:search" });
  });
});
