import type { EntityManager } from "@mikro-orm/postgresql";
import { MAX_STOCK, type ProductQuantity } from "../../contracts/common/quantity.ts";
import type { StockLevel } from "../../contracts/warehouse/stock.ts";
import { AppError } from "../../runtime/module-api/index.ts";
import { Stock } from "./entities.ts";

interface StockRow {
  readonly product_id: string;
  readonly on_hand: number;
  readonly reserved: number;
  readonly version: number;
}

const RETURNING = "returning product_id, on_hand, reserved, version";

// Raw SQL reads int8 as a number on every driver (runtime/persistence/int8.ts).
const fromRow = (row: StockRow): StockLevel => levelOf(row.product_id, row.on_hand, row.reserved, row.version);

const levelOf = (productId: string, onHand: number, reserved: number, version: number): StockLevel => ({
  product_id: productId,
  on_hand: onHand,
  reserved,
  available: onHand - reserved,
  version,
});

/** What the warehouse says about a product it has never stocked. */
export const noStock = (productId: string): StockLevel => levelOf(productId, 0, 0, 0);

export async function stockLevels(em: EntityManager, productIds: readonly string[]): Promise<Map<string, StockLevel>> {
  const rows = await em.find(Stock, { productId: { $in: [...new Set(productIds)] } });
  return new Map(rows.map((s) => [s.productId, levelOf(s.productId, s.onHand, s.reserved, s.version)]));
}

/** One quantity per product (lines naming a product twice are added up), in product id order so concurrent transactions lock rows in the same order. */
export function totalsOf(items: readonly ProductQuantity[]): [productId: string, quantity: number][] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.product_id, (totals.get(item.product_id) ?? 0) + item.quantity);
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Adds received stock, creating the product's row on its first receipt. Stock past MAX_STOCK would no longer
 * read back exactly, so such a receipt is refused (the caller's transaction, receipt included, rolls back).
 */
export async function addStock(em: EntityManager, productId: string, quantity: number): Promise<StockLevel> {
  const [row] = await em.execute<StockRow[]>(
    `insert into "warehouse"."stock" as s (product_id, on_hand, reserved, version) values (?, ?, 0, 1)
     on conflict (product_id) do update set on_hand = s.on_hand + excluded.on_hand, version = s.version + 1
     where s.on_hand + excluded.on_hand <= ? ${RETURNING}`,
    [productId, quantity, MAX_STOCK],
  );
  if (!row) {
    throw new AppError("amount_out_of_range", `the stock of ${productId} would exceed ${MAX_STOCK}`, {
      product_id: productId,
      quantity,
      max_stock: MAX_STOCK,
    });
  }
  return fromRow(row);
}

/**
 * Holds `quantity` if that much is available, in one conditional update: two transactions racing for the
 * last unit cannot both pass the check. Undefined when there is not enough (or no stock row at all).
 */
export async function holdStock(em: EntityManager, productId: string, quantity: number): Promise<StockLevel | undefined> {
  const [row] = await em.execute<StockRow[]>(
    `update "warehouse"."stock" set reserved = reserved + ?, version = version + 1
     where product_id = ? and on_hand - reserved >= ? ${RETURNING}`,
    [quantity, productId, quantity],
  );
  return row && fromRow(row);
}

/** Gives held stock back. */
export async function unholdStock(em: EntityManager, productId: string, quantity: number): Promise<StockLevel> {
  const [row] = await em.execute<StockRow[]>(
    `update "warehouse"."stock" set reserved = reserved - ?, version = version + 1 where product_id = ? ${RETURNING}`,
    [quantity, productId],
  );
  return fromRow(row as StockRow);
}

/** Turns held stock into a sale: it leaves the shelf and stops being reserved. */
export async function shipHeldStock(em: EntityManager, productId: string, quantity: number): Promise<StockLevel> {
  const [row] = await em.execute<StockRow[]>(
    `update "warehouse"."stock" set on_hand = on_hand - ?, reserved = reserved - ?, version = version + 1 where product_id = ? ${RETURNING}`,
    [quantity, quantity, productId],
  );
  return fromRow(row as StockRow);
}
