import type { SystemName } from "../../modules/index.ts";
import type { SystemChecks } from "./checks.ts";
import { learningChecks } from "./learning/index.ts";
import { shopChecks } from "./shop/index.ts";

/**
 * The checks of each registered system (modules/index.ts), by its name: the compiler holds this to the
 * registry, so a system cannot be added without its checks. Everything system-specific the harness runs is
 * under harness/systems/<system>/; what the systems share, under harness/systems/shared/.
 */
export const systemChecks = { shop: shopChecks, learning: learningChecks } satisfies Record<SystemName, SystemChecks>;
