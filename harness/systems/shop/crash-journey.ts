import assert from "node:assert/strict";
import type { CrashJourney } from "../../checkers/crash-sweep.ts";
import { eventually } from "../../eventually.ts";
import { unique } from "../../suite.ts";
import type { SystemClient } from "../../system/client.ts";
import { bearer, newCustomer, operator } from "../shared/identity.ts";
import { addToCart, chargesOf, checkout, settledOrder, stockOf } from "./steps.ts";

/**
 * The shop's journey for the crash sweep: a product joins the catalogue, is renamed, bought, reviewed, commented
 * on and liked, and a second customer's card is declined. Whatever process stopped wherever on the way, the
 * product is found by its final name, the order confirmed and charged once (or, when orders was down past the
 * checkout's deadline, cancelled with its reason and refunded), the declined one cancelled with its stock back,
 * and each customer told of each thing once.
 */
export const shopCrashJourney: CrashJourney = async (sys) => {
  const name = unique("Crash sweep product");
  const created = await sys.http.post("/api/v1/products", { name, description: "", price: 4, inventory: 3 }, { headers: operator });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const productId = created.body.id as string;
  const customer = await newCustomer(sys);
  await addToCart(sys, customer.token, productId, 1);
  const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
  assert.equal(placed.status, 202, JSON.stringify(placed.body));
  const order = await settledOrder(sys, customer.token, placed.body.id, 30_000);
  if (order.status === "cancelled") {
    // Orders stopped long enough for the checkout's deadline to pass: a cancellation with its reason, the charge
    // refunded and the stock back, is what the shop owes then (the buyer cannot review what they did not buy).
    assert.notEqual(order.status_reason, null);
    await sys.idle({ timeoutMs: 30_000 });
    const charges = await chargesOf(sys, order.id);
    assert.ok(
      charges.every((c) => c.status !== "succeeded" || c.amount_refunded_cents === c.amount_cents),
      JSON.stringify(charges),
    );
    const back = await stockOf(sys, productId);
    assert.deepEqual([back.on_hand, back.reserved], [3, 0]);
    return;
  }
  assert.deepEqual([order.status, order.status_reason], ["confirmed", null]);
  assert.deepEqual(
    (await chargesOf(sys, order.id)).map((c) => c.status),
    ["succeeded"],
  );
  const renamed = `${name} Deluxe`;
  const updated = await sys.http.request("PATCH", `/api/v1/products/${productId}`, { body: { name: renamed }, headers: operator });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  await eventually(async () => {
    const found = await sys.http.get(`/api/v1/products?q=${encodeURIComponent(renamed)}`);
    assert.deepEqual([found.body.matched_by, found.body.products?.map((p: { id: string }) => p.id)], ["search", [productId]]);
  });

  const review = await sys.http.post("/api/v1/reviews", { product_id: productId, rating: 5, body: "Sturdy." }, { headers: bearer(customer.token) });
  assert.equal(review.status, 201, JSON.stringify(review.body));
  const other = await newCustomer(sys);
  const comment = await sys.http.post(`/api/v1/reviews/${review.body.id}/comments`, { body: "Agreed." }, { headers: bearer(other.token) });
  assert.equal(comment.status, 201, JSON.stringify(comment.body));
  const like = await sys.http.request("PUT", `/api/v1/reviews/${review.body.id}/like`, { headers: bearer(other.token) });
  assert.equal(like.status, 200, JSON.stringify(like.body));

  await addToCart(sys, other.token, productId, 1);
  const declined = await checkout(sys, other.token, { payment_token: "tok_chargeDeclined" });
  assert.equal(declined.status, 202, JSON.stringify(declined.body));
  const cancelled = await settledOrder(sys, other.token, declined.body.id, 30_000);
  assert.equal(cancelled.status, "cancelled");

  await sys.idle({ timeoutMs: 30_000 });
  for (const kind of ["review_commented", "review_liked"]) assert.equal((await toldOf(sys, customer.token, kind)).length, 1, kind);
  assert.equal((await toldOf(sys, customer.token, "order_confirmed")).length, 1);
  const stock = await stockOf(sys, productId);
  assert.deepEqual([stock.on_hand, stock.reserved], [2, 0]);
};

const toldOf = async (sys: SystemClient, token: string, kind: string): Promise<unknown[]> => {
  const list = await sys.http.get(`/api/v1/notifications?kind=${kind}`, { headers: bearer(token) });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.notifications;
};
