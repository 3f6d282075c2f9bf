import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout this CLI belongs to: defaults are relative to it, not to the working directory. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const DEFAULT_BROKER = join(ROOT, "contracts/broker");
export const DEFAULT_DEPLOYMENTS = join(ROOT, "contracts/deployments.json");
export const DEFAULT_PACTS = join(ROOT, "contracts/pacts");
export const verificationsFile = (broker: string) => join(broker, "verifications.json");
