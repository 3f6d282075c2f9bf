import { defineSettings, type ModuleContext } from "../../runtime/module-api/index.ts";

/** The warehouse's knobs (TWOFOLD_<NAME>): it owns how long reservations hold stock. */
export const warehouseSettings = defineSettings({
  RESERVATION_TTL_MS: {
    type: "integer",
    default: 900_000,
    description: "how long a reservation holds its stock (15 min) unless the caller names a lifetime; the checkout saga names none",
  },
  RESERVATION_SWEEP_MS: { type: "integer", default: 1000, min: 1, description: "how often expired reservations are looked for and released" },
});

/** What the warehouse's code runs with: a module context with the warehouse settings. */
export type WarehouseContext = ModuleContext<typeof warehouseSettings>;
