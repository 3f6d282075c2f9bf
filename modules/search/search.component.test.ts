import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import { searchConsumes } from "./consumes.ts";
import { searchModule } from "./module.ts";

const created = eventUse(searchConsumes, "product.created");
const updated = eventUse(searchConsumes, "product.updated");

/** What search reads of both events (its consumer contract). */
type Indexed = { product_id: string; name: string; price_cents: number; version: number };

/**
 * Search alone, on its real database, fed only the catalogue events its consumer contract describes (it calls
 * no other module); what it indexed is read back through its public API.
 */
describe("search as a component", () => {
  let search: Component;
  const find = async (q: string) => {
    const response = await search.client.http.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.body as { count: number; results: { product_id: string; name: string; price: number }[] };
  };
  const entries = (productId: string) => search.client.sql("search", `select version from entries where product_id = ?`, [productId]);

  beforeAll(async () => {
    search = await startComponent(searchModule);
  });
  afterAll(() => search.stop());

  it("indexes each product.created of its contract once, however often it is delivered", async () => {
    for (const interaction of created.interactions) {
      const envelope = await deliver(search, created, interaction);
      await redeliver(search, envelope);
      const { product_id, name, price_cents } = interaction.example as Indexed;
      expect((await find(name)).results).toEqual([expect.objectContaining({ product_id, name, price: price_cents / 100 })]);
      expect(await entries(product_id)).toEqual([{ version: 1 }]);
      expect(await search.client.sql("search", "select message_id from inbox where message_id = ?", [envelope.id])).toHaveLength(1);
    }
  });

  it("indexes each product.updated of its contract, even with no product.created before it", async () => {
    for (const interaction of updated.interactions) {
      const envelope = await deliver(search, updated, interaction);
      await redeliver(search, envelope);
      const { product_id, price_cents, version } = interaction.example as Indexed;
      expect((await find(product_id)).results).toEqual([expect.objectContaining({ product_id, price: price_cents / 100 })]);
      expect(await entries(product_id)).toEqual([{ version }]);
    }
  });
});
