import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as cart from "../contracts/cart/calls.ts";
import { useName } from "../contracts/consumer.ts";
import * as courses from "../contracts/courses/calls.ts";
import type { CallContract } from "../contracts/define.ts";
import * as flags from "../contracts/flags/calls.ts";
import * as notifications from "../contracts/notifications/calls.ts";
import * as orders from "../contracts/orders/calls.ts";
import * as payments from "../contracts/payments/calls.ts";
import * as products from "../contracts/products/calls.ts";
import * as progress from "../contracts/progress/calls.ts";
import * as search from "../contracts/search/calls.ts";
import * as users from "../contracts/users/calls.ts";
import * as warehouse from "../contracts/warehouse/calls.ts";
import { readSources } from "../harness/boundaries.ts";
import { everyModule } from "./index.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Call contracts by the name modules import them under. */
const callsByIdentifier = new Map<string, CallContract>(
  Object.entries<unknown>({
    ...cart,
    ...courses,
    ...flags,
    ...notifications,
    ...orders,
    ...payments,
    ...products,
    ...progress,
    ...search,
    ...users,
    ...warehouse,
  }).flatMap(([name, value]) => ((value as { kind?: string }).kind === "call" ? [[name, value as CallContract] as const] : [])),
);

/** The calls a module's code makes (`ctx.call(Contract, ...)`, and a flag read's `flags.read` on a miss), from its source. */
const callsMadeBy = (module: string): string[] => {
  const sources = readSources(root, `modules/${module}`).filter((f) => !f.path.endsWith(".test.ts"));
  const identifiers = sources.flatMap((f) => [
    ...[...f.text.matchAll(/ctx\.call\(\s*(\w+)/g)].map((m) => m[1] as string),
    ...(/ctx\.flags\.isOn\(/.test(f.text) ? ["ReadFlag"] : []),
  ]);
  return [...new Set(identifiers.map((id) => callsByIdentifier.get(id)?.name ?? `unknown contract ${id}`))].sort();
};

const usedBy = (module: (typeof everyModule)[number], kind: "call" | "event") =>
  (module.consumes?.uses ?? [])
    .filter((u) => u.kind === kind)
    .map(useName)
    .sort();

describe("consumer contracts of every system's modules", () => {
  it("cover every call each module makes and every event it subscribes to", () => {
    for (const module of everyModule) {
      expect({ module: module.name, calls: usedBy(module, "call") }).toEqual({ module: module.name, calls: callsMadeBy(module.name) });
      const subscribed = module.events.map((e) => e.contract.type).sort();
      expect({ module: module.name, events: usedBy(module, "event") }).toEqual({ module: module.name, events: subscribed });
    }
  });

  it("name only provider states their providers have", () => {
    const missing = everyModule.flatMap((consumer) =>
      (consumer.consumes?.uses ?? []).flatMap((use) =>
        use.interactions
          .filter((i) => !everyModule.find((m) => m.name === use.contract.owner)?.providerStates?.[i.given.name])
          .map((i) => `${consumer.name} → ${use.contract.owner}: "${i.given.name}"`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it("are declared by the module they belong to", () => {
    for (const module of everyModule) if (module.consumes) expect(module.consumes.consumer).toBe(module.name);
  });
});
