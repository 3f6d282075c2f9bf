import type { Invariant } from "../../../checkers/model.ts";
import { eventsNameOwnedEntities } from "./events.ts";
import { cancelledOrdersAreRefunded, oneChargePerConfirmedOrder, orphanChargesAreRefunded } from "./money.ts";
import { notifiedOnce } from "./notifications.ts";
import { checkoutOrdersEnd, noSagaStuck } from "./outcomes.ts";
import { reservationsFollowOrders, stockAddsUp } from "./stock.ts";

/**
 * The shop's invariants: what must hold of its state whenever it is idle, in every profile. The harness
 * checks them after every check and reconciles them at the end of each profile's run (harness/checkers/);
 * each breach is lost, doubled or stuck, and names its entity.
 */
export const shopInvariants: readonly Invariant[] = [
  cancelledOrdersAreRefunded,
  oneChargePerConfirmedOrder,
  orphanChargesAreRefunded,
  checkoutOrdersEnd,
  noSagaStuck,
  stockAddsUp,
  reservationsFollowOrders,
  notifiedOnce,
  eventsNameOwnedEntities,
];
