import type { EntityManager } from "@mikro-orm/postgresql";
import type { CartView } from "../../contracts/cart/api.ts";
import { cartIdOf } from "./cart-id.ts";

interface Row {
  id: string;
  version: number;
  updated_at: Date | string;
  product_id: string | null;
  quantity: number | null;
}

/**
 * The user's cart as it is now, in one statement (so version and lines belong together). A user who never
 * wrote to it has an empty cart at version 0; nothing is stored for that.
 */
export async function readCart(em: EntityManager, userId: string): Promise<CartView> {
  const rows = await em.execute<Row[]>(
    `select c.id, c.version, c.updated_at, i.product_id, i.quantity
       from "cart"."carts" c left join "cart"."cart_items" i on i.cart_id = c.id
      where c.user_id = ?
      order by i.added_at, i.product_id`,
    [userId],
  );
  const [first] = rows;
  if (!first) return { id: cartIdOf(userId), items: [], version: 0, updated_at: new Date().toISOString() };
  return {
    id: first.id,
    items: rows.flatMap((r) => (r.product_id === null ? [] : [{ product_id: r.product_id, quantity: Number(r.quantity) }])),
    version: Number(first.version),
    updated_at: new Date(first.updated_at).toISOString(),
  };
}
