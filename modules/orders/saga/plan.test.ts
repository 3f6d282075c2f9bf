import { describe, expect, it } from "vitest";
import { compensations, doneOrMaybe, firstStep, nextStep } from "./plan.ts";

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

  it("undoes a reserve given up on without an answer (it may have happened unseen), never a charge blind", () => {
    expect(compensations(doneOrMaybe([], "reserve"))).toEqual(["release", "cancel"]);
    expect(doneOrMaybe(["reserve"], "reserve")).toEqual(["reserve"]);
    expect(compensations(doneOrMaybe(["reserve"], "charge"))).toEqual(["release", "cancel"]);
  });

  it("only commits an operator order", () => {
    expect(firstStep("operator")).toBe("commit");
    expect(nextStep("operator", "commit")).toBe("done");
  });
});
