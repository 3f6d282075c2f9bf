import { ProductCreated, ProductUpdated } from "../../contracts/products/events.ts";
import { type EventContext, on } from "../../runtime/module-api/index.ts";

interface Indexed {
  readonly product_id: string;
  readonly name: string;
  readonly description: string;
  readonly price_cents: number;
  readonly version: number;
}

/**
 * Both events carry the whole searchable product, so either may create the entry; an entry is replaced only
 * by a newer version, so late or repeated events never bring back an old name.
 */
const index = (ctx: EventContext, product: Indexed): Promise<void> =>
  ctx.transaction(async ({ em }) => {
    await em.execute(
      `insert into "search"."entries" as e (product_id, name, description, price_cents, version) values (?, ?, ?, ?, ?)
       on conflict (product_id) do update set name = excluded.name, description = excluded.description,
         price_cents = excluded.price_cents, version = excluded.version
       where e.version < excluded.version`,
      [product.product_id, product.name, product.description, product.price_cents, product.version],
    );
  });

export const indexCreated = on(ProductCreated, (event, ctx) => index(ctx, event));
export const indexUpdated = on(ProductUpdated, (event, ctx) => index(ctx, event));
