import type { Breach, Invariant, Row } from "../../../checkers/model.ts";
import { indexBy, numberOf, rowsOf, textOf } from "../../../checkers/rows.ts";
import { idOf, ordersOf, statusOf } from "./shop-rows.ts";

/** The quantities a reservation holds, by product (its `items` column: `[{product_id, quantity}]`). */
function itemsOf(reservation: Row): [productId: string, quantity: number][] {
  const items = reservation.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: Row) =>
    typeof item.product_id === "string" ? [[item.product_id, Number(item.quantity ?? 0)] as [string, number]] : [],
  );
}

const add = (totals: Map<string, number>, productId: string, quantity: number) => totals.set(productId, (totals.get(productId) ?? 0) + quantity);

/**
 * The warehouse's stock equations, per product: what is on hand is every receipt counted less every committed
 * reservation (sales leave the shelf on commit), and what is reserved is what the held reservations hold. More
 * on hand than that is stock counted twice, less is stock lost; more reserved is stock held for nothing.
 */
export const stockAddsUp: Invariant = {
  name: "warehouse on-hand and reserved equal what receipts, committed and held reservations say",
  check(state) {
    const received = new Map<string, number>();
    const committed = new Map<string, number>();
    const held = new Map<string, number>();
    for (const receipt of rowsOf(state, "warehouse", "receipts")) add(received, textOf(receipt, "product_id") ?? "?", numberOf(receipt, "quantity"));
    for (const reservation of rowsOf(state, "warehouse", "reservations")) {
      const status = statusOf(reservation);
      const into = status === "committed" ? committed : status === "held" ? held : undefined;
      if (into) for (const [productId, quantity] of itemsOf(reservation)) add(into, productId, quantity);
    }
    const stock = indexBy(rowsOf(state, "warehouse", "stock"), "product_id");
    const products = new Set([...stock.keys(), ...received.keys(), ...committed.keys(), ...held.keys()]);
    return [...products].flatMap((productId): Breach[] => {
      const row = stock.get(productId);
      const onHand = row ? numberOf(row, "on_hand") : 0;
      const reserved = row ? numberOf(row, "reserved") : 0;
      const expectedOnHand = (received.get(productId) ?? 0) - (committed.get(productId) ?? 0);
      const expectedReserved = held.get(productId) ?? 0;
      const breaches: Breach[] = [];
      if (onHand !== expectedOnHand)
        breaches.push({
          kind: onHand > expectedOnHand ? "doubled" : "lost",
          module: "warehouse",
          entity: productId,
          problem: `${onHand} on hand, but receipts (${received.get(productId) ?? 0}) less committed reservations (${committed.get(productId) ?? 0}) say ${expectedOnHand}`,
        });
      if (reserved !== expectedReserved)
        breaches.push({
          kind: reserved > expectedReserved ? "stuck" : "lost",
          module: "warehouse",
          entity: productId,
          problem: `${reserved} reserved, but held reservations hold ${expectedReserved}`,
        });
      return breaches;
    });
  },
};

/** A confirmed order's stock left the shelf; a cancelled order's is back (released, or never held). */
export const reservationsFollowOrders: Invariant = {
  name: "a settled order's reservation is committed when it is confirmed and given back when it is cancelled",
  check(state) {
    const reservations = indexBy(rowsOf(state, "warehouse", "reservations"), "order_id");
    return ordersOf(state).flatMap((order): Breach[] => {
      const status = statusOf(order);
      const reservation = reservations.get(idOf(order));
      const held = reservation && statusOf(reservation);
      const breach = (kind: Breach["kind"], problem: string): Breach[] => [{ kind, module: "warehouse", entity: idOf(order), problem }];
      if (status === "confirmed" && held !== "committed")
        return held === "held"
          ? breach("stuck", "confirmed, but its stock is still only held")
          : breach("lost", `confirmed, but its reservation is ${held ?? "missing"}`);
      if (status === "cancelled" && held === "held") return breach("stuck", "cancelled, but its stock is still held");
      if (status === "cancelled" && held === "committed") return breach("lost", "cancelled, but its stock left the shelf (reservation committed)");
      return [];
    });
  },
};
