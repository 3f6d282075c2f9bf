import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";

/** The states the consumers of search.find name. */
export const searchProviderStates: Record<string, ProviderStateHandler> = {
  /** Indexed as product.created would have indexed it, once under the given id. */
  "product is indexed": async (ctx, params) => {
    await ctx.db.transaction(({ em }) =>
      em.execute(
        `insert into "search"."entries" (product_id, name, description, price_cents, version)
         values (?, ?, 'Listed for contract verification.', 1000, 1) on conflict do nothing`,
        [String(params.product_id), String(params.name)],
      ),
    );
  },
};
