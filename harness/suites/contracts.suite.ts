import type { SystemDefinition } from "../../runtime/system.ts";
import { verificationSuite } from "../contracts/verify.ts";

/**
 * Every consumer contract of the system, verified against the real providers of the topology under test. A
 * shared module's uses of a provider this system does not have (notifications reading the shop's orders in
 * the learning platform) are left out: nothing here can publish or answer them.
 */
export function contractSuite(system: SystemDefinition) {
  const present = new Set(system.modules.map((m) => m.name));
  return verificationSuite(
    system.modules.flatMap((m) => (m.consumes ? [{ ...m.consumes, uses: m.consumes.uses.filter((use) => present.has(use.contract.owner)) }] : [])),
  );
}
