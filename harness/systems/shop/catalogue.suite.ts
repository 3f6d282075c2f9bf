import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import { check, defineSuite, unique } from "../../suite.ts";
import { newProduct } from "./steps.ts";

/** Searching the catalogue (`GET /products?q=`): search ranks, the catalogue shows its own rows. */
export const catalogueSuite = defineSuite("Catalogue search", [
  check("finds a product by the words of its name through search, once search has indexed it", async (sys) => {
    const name = `${unique("Numbat")} Lantern`;
    const id = await newProduct(sys, { name, description: "Glows softly", price: 12.5, inventory: 2 });
    // Search's index follows product.created: eventually consistent with the catalogue.
    const found = await eventually(async () => {
      const listed = await sys.http.get(`/api/v1/products?q=${encodeURIComponent(name.toUpperCase())}`);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.equal(listed.body.matched_by, "search");
      assert.deepEqual(
        listed.body.products.map((p: { id: string }) => p.id),
        [id],
      );
      return listed.body;
    });
    assert.deepEqual([found.products[0].name, found.products[0].price, found.next_cursor], [name, 12.5, null]);
  }),
  check("a search is one page: q with a cursor is 400 naming the cursor", async (sys) => {
    const id = await newProduct(sys, { price: 1, inventory: 1 });
    const refused = await sys.http.get(`/api/v1/products?q=lantern&cursor=${id}`);
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, "validation_failed");
    assert.deepEqual(
      refused.body.error.details.map((d: { path: string }) => d.path),
      ["cursor"],
    );
  }),
]);
