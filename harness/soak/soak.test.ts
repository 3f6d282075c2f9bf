import { describe, expect, it } from "vitest";
import { shop } from "../../modules/shop.ts";
import { nemesisSettings } from "../nemesis/process.ts";
import { runHarness } from "../run/harness.ts";
import { shopChecks } from "../systems/shop/index.ts";
import { shopSoak } from "../systems/shop/soak.ts";
import { registeredSystem } from "../topologies.ts";
import { SOAK_TIMEOUT_MS, soakSuite } from "./soak.ts";

const modules = shop.modules.map((m) => m.name);

/**
 * The soak's short form, inside `bun run test`: twenty checkouts at once through a real split topology while
 * the broker is restarted and a service is killed every half second, then the reconciliation: nothing lost,
 * doubled or stuck, every order ended.
 */
describe("the soak", { timeout: SOAK_TIMEOUT_MS }, () => {
  it("ends every one of 20 checkouts under kills and a broker restart: 0 lost, 0 doubled, 0 stuck", async () => {
    const report = await runHarness({
      profiles: ["split"],
      suites: [soakSuite(shopSoak, 20, modules, 500)],
      seed: 7,
      modules,
      system: registeredSystem("shop"),
      invariants: shopChecks.invariants,
      env: { split: nemesisSettings },
      checkTimeoutMs: SOAK_TIMEOUT_MS,
    });
    const [run] = report.checks;
    expect([run?.passed, run?.error]).toEqual([true, undefined]);
    const figures = run?.warnings.find((w) => w.startsWith("soak:")) ?? "";
    expect(figures).toMatch(/soak: 20 in .* \((confirmed|cancelled)/);
    expect(figures).toMatch(/[1-9]\d* kills .* 1 broker restart/);
    const reconciled = report.profiles[0]?.reconciliation;
    expect([reconciled?.lost, reconciled?.doubled, reconciled?.stuck].map((f) => f?.length)).toEqual([0, 0, 0]);
  });
});
