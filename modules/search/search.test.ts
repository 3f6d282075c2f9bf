import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { ProductCreated, ProductUpdated } from "../../contracts/products/events.ts";
import { FindProducts } from "../../contracts/search/calls.ts";
import { eventually } from "../../harness/eventually.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { searchModule } from "./module.ts";

interface Product {
  readonly product_id: string;
  readonly name: string;
  readonly description: string;
  readonly price_cents: number;
}

describe("search module", () => {
  let system: InProcessSystem;
  const now = () => new Date().toISOString();
  const created = async (name: string, description = "", priceCents = 1000): Promise<Product> => {
    const product = { product_id: crypto.randomUUID(), name, description, price_cents: priceCents };
    await system.monolith.bus.dispatch(
      system.monolith.bus.event("products", ProductCreated, { ...product, inventory: 5, version: 1, created_at: now() }),
    );
    return product;
  };
  const updated = (product: Product, version: number, change: Partial<Product>) =>
    system.monolith.bus.dispatch(
      system.monolith.bus.event("products", ProductUpdated, {
        ...product,
        ...change,
        previous_price_cents: product.price_cents,
        version,
        updated_at: now(),
      }),
    );
  const find = async (q: string, limit?: number) => {
    const params = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
    const response = await system.client.http.get(`/api/v1/search?${params}`);
    expect(response.status).toBe(200);
    return response.body as { query: string; count: number; results: { product_id: string; name: string; description: string; price: number }[] };
  };
  const idsFor = async (q: string) => (await find(q)).results.map((r) => r.product_id);

  beforeAll(async () => {
    system = await inProcess({ modules: [searchModule], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("finds a product once its product.created has been indexed", async () => {
    const product = await created("Quokka Lantern", "Glows softly", 2999);
    const found = await eventually(async () => {
      const result = await find("quokka");
      expect(result.count).toBe(1);
      return result;
    });
    expect(found).toEqual({
      query: "quokka",
      count: 1,
      results: [{ product_id: product.product_id, name: "Quokka Lantern", description: "Glows softly", price: 29.99 }],
    });
  });

  it("finds a renamed product by its new name and no longer by its old one", async () => {
    const product = await created("Wombat Kettle");
    await updated(product, 2, { name: "Platypus Kettle", price_cents: 1250 });
    await eventually(async () => expect(await idsFor("platypus")).toEqual([product.product_id]));
    expect(await idsFor("wombat")).toEqual([]);
    expect((await find("platypus kettle")).results[0]?.price).toBe(12.5);
  });

  it("keeps the newest version when updates arrive late or twice", async () => {
    const product = await created("Axolotl Mug");
    await updated(product, 3, { name: "Narwhal Mug" });
    await updated(product, 2, { name: "Pangolin Mug" });
    await system.monolith.bus.dispatch(
      system.monolith.bus.event("products", ProductCreated, { ...product, inventory: 5, version: 1, created_at: now() }),
    );
    await system.client.idle();
    expect(await idsFor("narwhal")).toEqual([product.product_id]);
    expect(await idsFor("pangolin")).toEqual([]);
    expect(await idsFor("axolotl")).toEqual([]);
    expect(await system.client.sql("search", "select name, version from entries where product_id = ?", [product.product_id])).toEqual([
      { name: "Narwhal Mug", version: 3 },
    ]);
  });

  it("indexes an update that arrives before its product.created", async () => {
    const product = { product_id: crypto.randomUUID(), name: "Ibex Teapot", description: "", price_cents: 500 };
    await updated(product, 2, { name: "Yak Teapot" });
    await system.monolith.bus.dispatch(
      system.monolith.bus.event("products", ProductCreated, { ...product, inventory: 1, version: 1, created_at: now() }),
    );
    await system.client.idle();
    expect(await idsFor("teapot")).toEqual([product.product_id]);
    expect((await find("teapot")).results[0]?.name).toBe("Yak Teapot");
  });

  it("needs every word in the name or the description, case-insensitively, name matches first", async () => {
    const inDescription = await created("Plain Box", "A sturdy OCELOT crate");
    const inName = await created("Ocelot Crate", "Sturdy");
    const oneWord = await created("Ocelot Figurine", "Tiny");
    await system.client.idle();
    expect(await idsFor("ocelot crate")).toEqual([inName.product_id, inDescription.product_id]);
    expect(await idsFor("  OCELOT  ")).toEqual([inName.product_id, oneWord.product_id, inDescription.product_id]);
    expect(await idsFor("ocelot crate tiny")).toEqual([]);
    expect((await find("ocelot", 2)).count).toBe(2);
  });

  it("treats LIKE wildcards in the query literally", async () => {
    const percent = await created("Okapi 50% Sale Sign");
    const underscore = await created("okapi_case Label");
    await created("Okapi 500 Sign");
    await system.client.idle();
    expect(await idsFor("okapi 50%")).toEqual([percent.product_id]);
    expect(await idsFor("okapi_")).toEqual([underscore.product_id]);
    expect(await idsFor("%")).toEqual([percent.product_id]);
    expect(await idsFor("\\")).toEqual([]);
  });

  it("answers search.find with the public search's matches, as ids in rank order", async () => {
    const inDescription = await created("Plain Tin", "Holds a MARGAY");
    const inName = await created("Margay Tin");
    await system.client.idle();
    const find = (q: string, limit: number) => system.monolith.bus.call("products", FindProducts, { q, limit });
    expect(await find(" margay  tin ", 20)).toEqual({ product_ids: [inName.product_id, inDescription.product_id] });
    expect(await idsFor("margay tin")).toEqual([inName.product_id, inDescription.product_id]);
    expect(await find("margay", 1)).toEqual({ product_ids: [inName.product_id] });
    expect(await find("margay tin plain copper", 20)).toEqual({ product_ids: [] });
    await expect(find("   ", 20)).rejects.toMatchObject({ code: "contract_violation" });
  });

  it("refuses a missing, empty or too long query and a bad limit with 400", async () => {
    for (const query of ["", "?q=", "?q=%20%20", `?q=${"a".repeat(201)}`, "?q=x&limit=0", "?q=x&limit=101", "?q=x&limit=ten"]) {
      const response = await system.client.http.get(`/api/v1/search${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("validation_failed");
    }
    expect((await system.client.http.post("/api/v1/search?q=x", {})).status).toBe(405);
  });
});
