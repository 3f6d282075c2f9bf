import { describe, expect, it } from "vitest";
import { DEFAULT_SYSTEM, everyModule, systemEnvironment, systemNames, systems } from "./index.ts";

const registered = Object.entries(systems);

describe("the registry of systems", () => {
  it.each(registered)("the %s's topology places each of its modules exactly once", (_, { definition, topology }) => {
    const placed = topology.services.flatMap((s) => s.modules);
    expect(placed.sort()).toEqual(definition.modules.map((m) => m.name).sort());
  });

  it.each(registered)("the %s's catalogue holds the calls its modules answer and the events they publish, and no other", (_, { definition }) => {
    const answered = definition.modules.flatMap((m) => m.calls.map((c) => c.contract.name));
    const published = definition.modules.flatMap((m) => m.publishes.map((e) => e.type));
    expect(definition.calls.map((c) => c.name).sort()).toEqual(answered.sort());
    expect(definition.events.map((e) => e.type).sort()).toEqual(published.sort());
  });

  it("a module two systems share is one definition: one name, one version, one set of contracts", () => {
    for (const { definition } of Object.values(systems)) {
      for (const module of definition.modules) expect(everyModule.find((m) => m.name === module.name)).toBe(module);
    }
  });

  it("gives every system but the default a data directory and queue prefix of its own", () => {
    const dirs = systemNames.map((name) => systemEnvironment(name).TWOFOLD_DATA_DIR);
    const prefixes = systemNames.map((name) => systemEnvironment(name).TWOFOLD_QUEUE_PREFIX);
    expect(systemEnvironment(DEFAULT_SYSTEM)).toEqual({ TWOFOLD_SYSTEM: DEFAULT_SYSTEM, TWOFOLD_TOPOLOGY: "topology.json" });
    expect(new Set(dirs).size).toBe(systemNames.length);
    expect(new Set(prefixes).size).toBe(systemNames.length);
  });
});
