import { describe, expect, it } from "vitest";
import { parseFaults } from "../../runtime/bus/faults/parse.ts";
import { clockSweep } from "./clock-sweep.ts";

describe("a clock sweep", () => {
  it("puts every module once ahead and once behind, as faults the fault layer reads", () => {
    const runs = clockSweep(["users", "orders", "warehouse"], 300_000);
    expect(runs).toEqual([
      { label: "clock-users", faults: "clock:users=+300000,clock:orders=-300000" },
      { label: "clock-orders", faults: "clock:orders=+300000,clock:warehouse=-300000" },
      { label: "clock-warehouse", faults: "clock:warehouse=+300000,clock:users=-300000" },
    ]);
    expect(runs.flatMap((r) => parseFaults(r.faults)).map((f) => (f.kind === "clock" ? f.offsetMs : 0))).toEqual([
      300_000, -300_000, 300_000, -300_000, 300_000, -300_000,
    ]);
    expect(clockSweep(["alone"], 5)).toEqual([{ label: "clock-alone", faults: "clock:alone=+5" }]);
  });
});
