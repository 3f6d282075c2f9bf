import type { EntityManager } from "@mikro-orm/postgresql";
import { MAX_QUANTITY } from "../../contracts/common/quantity.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { cartIdOf } from "./cart-id.ts";
import type { ExpectedVersion } from "./preconditions.ts";

const lineTooBig = () =>
  new AppError("validation_failed", `a cart line holds at most ${MAX_QUANTITY}`, [
    { path: "quantity", message: `the line would exceed ${MAX_QUANTITY}` },
  ]);

/**
 * Adds to a line. Adding commutes, so it needs no precondition: the cart row is created if missing and its
 * version bumped first (which also locks it, so every writer of one cart queues on the same row), then the
 * line is incremented in place. Two devices adding at once both count.
 */
export async function addToLine(em: EntityManager, userId: string, productId: string, quantity: number): Promise<void> {
  // No conflict target: two first adds at once collide on the primary key (the id is derived from the user),
  // which an `on conflict (user_id)` arbiter does not cover — the second insert failed with a 500 in split.
  await em.execute(`insert into "cart"."carts" (id, user_id, version, updated_at) values (?, ?, 0, now()) on conflict do nothing`, [
    cartIdOf(userId),
    userId,
  ]);
  const [cart] = await em.execute<{ id: string }[]>(
    `update "cart"."carts" set version = version + 1, updated_at = now() where user_id = ? returning id`,
    [userId],
  );
  const added = await em.execute(
    `insert into "cart"."cart_items" (cart_id, product_id, quantity, added_at) values (?, ?, ?, now())
     on conflict (cart_id, product_id) do update set quantity = cart_items.quantity + excluded.quantity
     where cart_items.quantity + excluded.quantity <= ? returning quantity`,
    [cart?.id, productId, quantity, MAX_QUANTITY],
  );
  if (added.length === 0) throw lineTooBig();
}

/** The statement that bumps the cart's version if it is still `expected`, answering the cart id when it did. */
function claimQuery(userId: string, expected: ExpectedVersion): [string, unknown[]] {
  const insert = `insert into "cart"."carts" (id, user_id, version, updated_at) values (?, ?, 1, now())`;
  if (expected === "any") {
    // The id is derived from the user, so a concurrent first write collides on it: it is the arbiter.
    return [`${insert} on conflict (id) do update set version = carts.version + 1, updated_at = now() returning id`, [cartIdOf(userId), userId]];
  }
  if (expected === 0) return [`${insert} on conflict do nothing returning id`, [cartIdOf(userId), userId]];
  return [`update "cart"."carts" set version = version + 1, updated_at = now() where user_id = ? and version = ? returning id`, [userId, expected]];
}

/**
 * Bumps the version only if it still is `expected` (the client's If-Match); otherwise precondition_failed
 * with the current version. Version 0 means "no cart yet", so the cart is created then; "any" creates or bumps
 * whatever is there. Returns the cart id.
 */
async function claimVersion(em: EntityManager, userId: string, expected: ExpectedVersion): Promise<string> {
  const [cart] = await em.execute<{ id: string }[]>(...claimQuery(userId, expected));
  if (cart) return cart.id;
  const [current] = await em.execute<{ version: number }[]>(`select version from "cart"."carts" where user_id = ?`, [userId]);
  throw new AppError("precondition_failed", "the cart changed since you read it; fetch it again and retry", {
    current_version: Number(current?.version ?? 0),
  });
}

/** Sets a line's quantity (creating the line), if the cart is still at `expected`. */
export async function setLine(em: EntityManager, userId: string, productId: string, quantity: number, expected: ExpectedVersion): Promise<void> {
  const cartId = await claimVersion(em, userId, expected);
  await em.execute(
    `insert into "cart"."cart_items" (cart_id, product_id, quantity, added_at) values (?, ?, ?, now())
     on conflict (cart_id, product_id) do update set quantity = excluded.quantity`,
    [cartId, productId, quantity],
  );
}

/** Removes a line, if the cart is still at `expected`; a line that is not there is not_found. */
export async function removeLine(em: EntityManager, userId: string, productId: string, expected: ExpectedVersion): Promise<void> {
  const cartId = await claimVersion(em, userId, expected);
  const removed = await em.execute(`delete from "cart"."cart_items" where cart_id = ? and product_id = ? returning product_id`, [cartId, productId]);
  if (removed.length === 0) throw new AppError("not_found", `product ${productId} is not in the cart`);
}

/**
 * Takes what an order bought out of the cart: decrements, so lines added after checkout stay, and drops lines
 * that reach zero. The version changes only if a line did.
 */
export async function removeOrdered(em: EntityManager, userId: string, items: readonly { product_id: string; quantity: number }[]): Promise<void> {
  const [cart] = await em.execute<{ id: string }[]>(`select id from "cart"."carts" where user_id = ? for update`, [userId]);
  if (!cart) return;
  let changed = 0;
  for (const item of items) {
    const rows = await em.execute(
      `update "cart"."cart_items" set quantity = quantity - ? where cart_id = ? and product_id = ? returning product_id`,
      [item.quantity, cart.id, item.product_id],
    );
    changed += rows.length;
  }
  if (changed === 0) return;
  // Dropping the emptied lines and bumping the version are one statement (a data-modifying CTE runs whether
  // or not the outer statement reads it): they touch different tables, so nothing in it sees the other's change.
  await em.execute(
    `with emptied as (delete from "cart"."cart_items" where cart_id = ? and quantity <= 0)
     update "cart"."carts" set version = version + 1, updated_at = now() where id = ?`,
    [cart.id, cart.id],
  );
}
