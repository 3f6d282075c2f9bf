import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { QuoteProducts } from "../../contracts/products/calls.ts";
import { FindProducts } from "../../contracts/search/calls.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import { eventually } from "../../harness/eventually.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { AppError, answer } from "../../runtime/module-api/index.ts";
import { productsModule } from "./module.ts";

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };

/** Stands in for the warehouse: remembers each receipt once, and can be taken down or made to refuse. */
const warehouse = { receipts: new Map<string, { product_id: string; quantity: number }>(), down: false, refusing: false };
const fakeWarehouse = fakeModule("warehouse", [
  answer(ReceiveStock, async ({ receipt_id, product_id, quantity }) => {
    if (warehouse.down) throw new AppError("service_unavailable", "the warehouse is down");
    if (warehouse.refusing) throw new AppError("contract_violation", "the warehouse refuses the receipt");
    const receipt = warehouse.receipts.get(receipt_id) ?? { product_id, quantity };
    warehouse.receipts.set(receipt_id, receipt);
    return { product_id: receipt.product_id, on_hand: receipt.quantity, reserved: 0, available: receipt.quantity, version: 1 };
  }),
]);

/** Stands in for search: answers the ranking it is told, or is down; remembers what it was asked. */
const search = { ranked: [] as string[], down: false, asked: [] as { q: string; limit: number }[] };
const fakeSearch = fakeModule("search", [
  answer(FindProducts, async (request) => {
    search.asked.push(request);
    if (search.down) throw new AppError("service_unavailable", "search is down");
    return { product_ids: search.ranked };
  }),
]);

describe("products module", () => {
  let system: InProcessSystem;
  const create = (body: Record<string, unknown>) => system.client.http.post("/api/v1/products", body, operator);
  const newProduct = async (price = 29.99, inventory = 10) =>
    (await create({ name: "Widget", description: "A fine widget", price, inventory })).body.id as string;
  const patch = (id: string, body: unknown, options: { headers: Record<string, string> } = operator) =>
    system.client.http.request("PATCH", `/api/v1/products/${id}`, { ...options, body });

  beforeAll(async () => {
    system = await inProcess({ modules: [productsModule, fakeWarehouse, fakeSearch], calls: shopCalls, events: shopEvents });
  });
  afterAll(() => system.stop());

  it("keeps prices as exact integer cents and shows decimals", async () => {
    for (const [price, cents] of [
      [29.99, 2999],
      [1.15, 115],
      [0.29, 29],
      [1005.1, 100510],
    ] as const) {
      const id = await newProduct(price);
      expect(await system.client.sql("products", "select price_cents from products where id = ?", [id])).toEqual([{ price_cents: cents }]);
      expect((await system.client.http.get(`/api/v1/products/${id}`)).body.price).toBe(price);
    }
  });

  it("books the stock into the warehouse under the product's id, then creates the product and publishes product.created", async () => {
    await system.client.events.fromNow();
    const created = await create({ name: " Lamp ", description: "Bright", price: 19.5, inventory: 7 });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(warehouse.receipts.get(id)).toEqual({ product_id: id, quantity: 7 });
    expect(created.body).toMatchObject({ name: "Lamp", description: "Bright", price: 19.5, inventory: 7, version: 1 });
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body).toEqual(created.body);
    const event = await system.client.events.expect("product.created", (e) => (e.payload as { product_id: string }).product_id === id);
    expect(event.payload).toEqual({
      product_id: id,
      name: "Lamp",
      description: "Bright",
      price_cents: 1950,
      inventory: 7,
      version: 1,
      created_at: created.body.created_at,
    });
  });

  it("keeps a product pending, out of the catalogue, while the warehouse is down, and finishes it once it is back", async () => {
    const before = await system.client.sql("products", "select count(*)::int as n from products where status = 'active'");
    warehouse.down = true;
    let id: string;
    try {
      const refused = await create({ name: "Ghost", price: 1, inventory: 3 });
      expect([refused.status, refused.body.error.code]).toEqual([503, "service_unavailable"]);
      id = refused.body.error.details.product_id;
      expect(warehouse.receipts.has(id)).toBe(false);
      expect((await system.client.http.get(`/api/v1/products/${id}`)).status).toBe(404);
      expect(await system.client.sql("products", "select count(*)::int as n from products where status = 'active'")).toEqual(before);
    } finally {
      warehouse.down = false;
    }
    await eventually(async () =>
      expect((await system.client.http.get(`/api/v1/products/${id}`)).body).toMatchObject({ id, name: "Ghost", inventory: 3 }),
    );
    expect(warehouse.receipts.get(id)).toEqual({ product_id: id, quantity: 3 });
  });

  it("removes the pending product when the warehouse refuses its stock: nothing was received, nothing is left", async () => {
    const before = await system.client.sql("products", "select count(*)::int as n from products");
    warehouse.refusing = true;
    try {
      expect((await create({ name: "Refused", price: 1, inventory: 2 })).status).toBe(502);
    } finally {
      warehouse.refusing = false;
    }
    expect(await system.client.sql("products", "select count(*)::int as n from products")).toEqual(before);
  });

  it("updates name, description and price, bumping the version and publishing product.updated", async () => {
    const id = await newProduct(29.99);
    await system.client.events.fromNow();
    const repriced = await patch(id, { price: 34.5 });
    expect(repriced.status).toBe(200);
    expect(repriced.body).toMatchObject({ id, name: "Widget", price: 34.5, version: 2 });
    const renamed = await patch(id, { name: "Gadget", description: "Now better" });
    expect(renamed.body).toMatchObject({ name: "Gadget", description: "Now better", price: 34.5, version: 3 });
    const updates = await system.client.events.expect(
      "product.updated",
      (e) => (e.payload as { version: number; product_id: string }).product_id === id && (e.payload as { version: number }).version === 3,
    );
    expect(updates.payload).toMatchObject({
      name: "Gadget",
      price_cents: 3450,
      previous_price_cents: 3450,
      version: 3,
      updated_at: renamed.body.updated_at,
    });
    const [first] = await system.client.events.all(
      "product.updated",
      (e) => (e.payload as { product_id: string }).product_id === id && (e.payload as { version: number }).version === 2,
    );
    expect(first?.payload).toMatchObject({ name: "Widget", description: "A fine widget", price_cents: 3450, previous_price_cents: 2999 });
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body).toEqual(renamed.body);
  });

  it("refuses updates of unknown products and empty or malformed changes", async () => {
    expect((await patch("no-such-product", { name: "X" })).body.error.code).toBe("product_not_found");
    const id = await newProduct();
    for (const body of [{}, { price: 1.234 }, { price: -1 }, { name: "   " }, { name: 3 }]) {
      const refused = await patch(id, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
    }
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body.version).toBe(1);
  });

  it("needs the operator key to write, not to read", async () => {
    const id = await newProduct();
    const anonymous = { headers: {} };
    expect((await system.client.http.post("/api/v1/products", { name: "X", price: 1, inventory: 1 })).status).toBe(401);
    expect(
      (await system.client.http.post("/api/v1/products", { name: "X", price: 1, inventory: 1 }, { headers: { "x-operator-key": "nope" } })).status,
    ).toBe(401);
    expect((await patch(id, { name: "Hacked" }, anonymous)).status).toBe(401);
    expect((await system.client.http.get(`/api/v1/products/${id}`)).body.name).toBe("Widget");
    expect((await system.client.http.get("/api/v1/products")).status).toBe(200);
    expect((await system.client.http.request("DELETE", `/api/v1/products/${id}`, operator)).status).toBe(405);
  });

  it("lists products newest first, page by page", async () => {
    const ids = [await newProduct(), await newProduct(), await newProduct(), await newProduct(), await newProduct()];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { products: { id: string }[]; next_cursor: string | null } } = await system.client.http.get(
        `/api/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.products.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.products.map((p) => p.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    const all = await system.client.http.get("/api/v1/products?limit=100");
    expect(all.body.products.map((p: { id: string }) => p.id)).toEqual(seen);
    for (const query of ["limit=0", "limit=101", "limit=two", "limit=1.5", `cursor=${"x".repeat(65)}`]) {
      expect((await system.client.http.get(`/api/v1/products?${query}`)).body.error.code).toBe("validation_failed");
    }
  });

  it("quotes current prices and catalogue stock, naming every product it does not know", async () => {
    const a = await newProduct(12.5, 3);
    const b = await newProduct(1, 0);
    expect(await system.monolith.bus.call("orders", QuoteProducts, { product_ids: [b, a] })).toEqual({
      products: [
        { product_id: b, name: "Widget", unit_price_cents: 100, inventory: 0 },
        { product_id: a, name: "Widget", unit_price_cents: 1250, inventory: 3 },
      ],
    });
    const error = await system.monolith.bus.call("orders", QuoteProducts, { product_ids: [a, "gone-1", "gone-2"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "product_not_found", details: { product_ids: ["gone-1", "gone-2"] } });
  });

  describe("searched with q", () => {
    const named = async (name: string, description = "") => (await create({ name, description, price: 1, inventory: 1 })).body.id as string;
    const find = async (query: string) => {
      const found = await system.client.http.get(`/api/v1/products?${query}`);
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      return found.body as { products: { id: string; name: string }[]; next_cursor: string | null; matched_by?: string };
    };
    const idsFound = async (query: string) => (await find(query)).products.map((p) => p.id);

    it("shows search's ranking from the catalogue's own rows, skipping ids the catalogue does not list", async () => {
      const [lamp, mug] = [await named("Gnu Lamp"), await named("Gnu Mug")];
      search.ranked = [mug, "p-search-knows-only", lamp];
      const found = await find("q=%20gnu%20&limit=5");
      expect(found).toEqual({
        products: [expect.objectContaining({ id: mug, name: "Gnu Mug" }), expect.objectContaining({ id: lamp })],
        next_cursor: null,
        matched_by: "search",
      });
      expect(search.asked.at(-1)).toEqual({ q: "gnu", limit: 5 });
      search.ranked = [];
      expect(await find("q=gnu")).toEqual({ products: [], next_cursor: null, matched_by: "search" });
      expect(search.asked.at(-1)).toEqual({ q: "gnu", limit: 20 });
      expect((await find("limit=1")).matched_by).toBeUndefined();
    });

    it("matches every word itself while search is down: name or description, any case, wildcards literally, newest first", async () => {
      const lamp = await named("Tapir Lamp", "Warm light");
      const brass = await named("Brass TAPIR");
      const described = await named("Lamp", "For a tapir's den");
      const sale = await named("Tapir 50% Sale");
      const underscored = await named("tapir_case");
      search.down = true;
      try {
        expect((await find("q=tapir%20lamp")).matched_by).toBe("catalogue");
        expect(await idsFound("q=tapir%20lamp")).toEqual([described, lamp]);
        expect(await idsFound("q=TAPIR")).toEqual([underscored, sale, described, brass, lamp]);
        expect(await idsFound("q=tapir&limit=2")).toEqual([underscored, sale]);
        expect(await idsFound("q=tapir%2050%25")).toEqual([sale]);
        expect(await idsFound("q=tapir_")).toEqual([underscored]);
        expect(await idsFound("q=tapir%20%25%20lamp")).toEqual([]);
      } finally {
        search.down = false;
      }
    });

    it("refuses q with a cursor, and an empty or too long q, with 400", async () => {
      const cursor = await named("Cursor");
      const refused = await system.client.http.get(`/api/v1/products?q=gnu&cursor=${cursor}`);
      expect([refused.status, refused.body.error.code]).toEqual([400, "validation_failed"]);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ path: "cursor" })]);
      for (const query of ["q=", "q=%20%20", `q=${"a".repeat(201)}`]) {
        expect((await system.client.http.get(`/api/v1/products?${query}`)).body.error.code).toBe("validation_failed");
      }
    });
  });
});
