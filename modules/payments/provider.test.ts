import { describe, expect, it } from "vitest";
import { authorize } from "./provider.ts";

describe("the fake payment provider", () => {
  it.each([
    ["tok_visa", { kind: "approved" }],
    ["tok_chargeDeclined", { kind: "declined", declineCode: "card_declined" }],
    ["tok_insufficient_funds", { kind: "declined", declineCode: "insufficient_funds" }],
    ["tok_anything_else", { kind: "declined", declineCode: "card_declined" }],
    ["tok_slow", { kind: "approved" }],
  ])("answers %s deterministically", async (token, outcome) => {
    expect(await authorize(token, 1)).toEqual(outcome);
  });

  it("fails on tok_processing_error", async () => {
    expect((await authorize("tok_processing_error", 1)).kind).toBe("error");
  });

  it("takes its time on tok_slow", async () => {
    const started = performance.now();
    await authorize("tok_slow", 100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });
});
