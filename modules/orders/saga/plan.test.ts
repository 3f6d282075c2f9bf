import { describe, expect, it } from "vitest";
import { compensations, firstStep, nextStep } from "./plan.ts";

describe("saga plan", () => {
  it("walks a checkout forward: reserve, charge, commit, confirm", () => {
    expect(firstStep("checkout")).toBe("reserve");
    expect(nextStep("checkout", "reserve")).toBe("charge");
    expect(nextStep("checkout", "charge")).toBe("commit");
    expect(nextStep("checkout", "commit")).toBe("confirm");
    expect(nextStep("checkout", "confirm")).toBe("done");
  });

  it("compensates what was done, in reverse, then cancels", () => {
    expect(compensations([])).toEqual(["cancel"]);
    expect(compensations(["reserve"])).toEqual(["release", "cancel"]);
    expect(compensations(["reserve", "charge"])).toEqual(["refund", "release", "cancel"]);
  });

  it("only commits an operator order", () => {
    expect(firstStep("operator")).toBe("commit");
    expect(nextStep("operator", "commit")).toBe("done");
  });
});
