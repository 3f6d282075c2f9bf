import { describe, expect, it } from "vitest";
import { AdvancingClock } from "../../runtime/clock.ts";
import { authorize } from "./provider.ts";

describe("the fake payment provider", () => {
  it.each([
    ["tok_visa", { kind: "approved" }],
    ["tok_chargeDeclined", { kind: "declined", declineCode: "card_declined" }],
    ["tok_insufficient_funds", { kind: "declined", declineCode: "insufficient_funds" }],
    ["tok_anything_else", { kind: "declined", declineCode: "card_declined" }],
    ["tok_slow", { kind: "approved" }],
  ])("answers %s deterministically", async (token, outcome) => {
    expect(await authorize(token, 1, new AdvancingClock())).toEqual(outcome);
  });

  it("fails on tok_processing_error", async () => {
    expect((await authorize("tok_processing_error", 1, new AdvancingClock())).kind).toBe("error");
  });

  it("takes its time on tok_slow, on the clock: an advance past it answers at once", async () => {
    const clock = new AdvancingClock();
    let answered = false;
    const slow = authorize("tok_slow", 60_000, clock).then(() => (answered = true));
    await Bun.sleep(5);
    expect(answered).toBe(false);
    clock.advance(60_000);
    await slow;
    expect(answered).toBe(true);
  });
});
