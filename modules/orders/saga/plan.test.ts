import { describe, expect, it } from "vitest";
import { checkoutSaga } from "./declaration.ts";
import { compensations, doneOrMaybe, firstStep, forwardSteps, nextStep } from "./plan.ts";

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

  it("is declared as it runs: the declaration's steps are the plan's calling steps, each undo the plan's compensation", () => {
    expect(checkoutSaga.steps.map((s) => s.name)).toEqual(forwardSteps("checkout").filter((s) => s !== "confirm"));
    const done = checkoutSaga.steps.map((s) => s.name);
    const undone = compensations(done).filter((c) => c !== "cancel");
    expect(undone).toEqual(["refund", "release"]);
    expect(
      checkoutSaga.steps
        .filter((s) => s.undo)
        .map((s) => s.undo?.name)
        .reverse(),
    ).toEqual(["payments.refund", "warehouse.release"]);
  });

  it("only commits an operator order", () => {
    expect(firstStep("operator")).toBe("commit");
    expect(nextStep("operator", "commit")).toBe("done");
  });
});
