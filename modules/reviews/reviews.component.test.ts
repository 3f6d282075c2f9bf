import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { reviewsModule } from "./module.ts";

/** What the stubs generated from reviews' consumer contract know: one buyer's session and what they bought. */
const buyer = "u-ct-reviews-buyer";
const bought = "p-ct-reviews-bought";
const unbought = "p-ct-reviews-unbought";
const customer = { headers: { authorization: "Bearer tok-ct-reviews" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-reviews-unknown" } };

/** Reviews alone, on its real database; users and orders are stubs generated from its consumer contract. */
describe("reviews as a component", () => {
  let reviews: Component;
  let reviewId: string;
  const http = () => reviews.client.http;

  beforeAll(async () => {
    reviews = await startComponent(reviewsModule);
  });
  afterAll(() => reviews.stop());

  it("lets the session's user review what orders says they bought, once, and publishes review.posted", async () => {
    await reviews.client.events.fromNow();
    const created = await http().post("/api/v1/reviews", { product_id: bought, rating: 5, body: "Worth it.", author_id: "someone-else" }, customer);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ product_id: bought, author_id: buyer, rating: 5, body: "Worth it.", like_count: 0, comment_count: 0 });
    reviewId = created.body.id;
    const posted = await reviews.client.events.expect("review.posted");
    expect(posted.payload).toMatchObject({ review_id: reviewId, product_id: bought, author_id: buyer, rating: 5 });

    const again = await http().post("/api/v1/reviews", { product_id: bought, rating: 1, body: "Changed my mind." }, customer);
    expect([again.status, again.body.error.code]).toEqual([409, "already_reviewed"]);
    expect((await http().get(`/api/v1/reviews?product_id=${bought}`)).body.reviews).toEqual([created.body]);
  });

  it("counts the session's comment and like on a review, once each", async () => {
    const commented = await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "Still going strong." }, customer);
    expect(commented.status).toBe(201);
    expect(commented.body).toMatchObject({ review_id: reviewId, author_id: buyer });
    for (const attempt of [1, 2]) {
      const liked = await http().request("PUT", `/api/v1/reviews/${reviewId}/like`, customer);
      expect([attempt, liked.status, liked.body]).toEqual([attempt, 200, { review_id: reviewId, liked: true, like_count: 1 }]);
    }
    expect((await http().get(`/api/v1/reviews/${reviewId}`)).body).toMatchObject({ like_count: 1, comment_count: 1 });
  });

  it("refuses a review of a product orders says was never bought with 403 purchase_required", async () => {
    const refused = await http().post("/api/v1/reviews", { product_id: unbought, rating: 1, body: "Never had it." }, customer);
    expect([refused.status, refused.body.error.code]).toEqual([403, "purchase_required"]);
    expect(await reviews.client.sql("reviews", "select id from reviews where product_id = ?", [unbought])).toEqual([]);
  });

  it("answers 401 unauthenticated to every write with a token the users stub does not know; reads need none", async () => {
    for (const response of [
      await http().post("/api/v1/reviews", { product_id: bought, rating: 5, body: "x" }, signedOut),
      await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "x" }, signedOut),
      await http().request("PUT", `/api/v1/reviews/${reviewId}/like`, signedOut),
      await http().request("DELETE", `/api/v1/reviews/${reviewId}/like`, signedOut),
    ]) {
      expect([response.status, response.body.error.code]).toEqual([401, "unauthenticated"]);
    }
    expect((await http().get(`/api/v1/reviews/${reviewId}/comments`)).status).toBe(200);
  });
});

describe("reviews as a component, with orders too slow to answer", () => {
  let reviews: Component;

  beforeAll(async () => {
    reviews = await startComponent(reviewsModule, { slow: { "orders.has_purchased": 2000 }, env: { TWOFOLD_CALL_TIMEOUT_MS: "300" } });
  });
  afterAll(() => reviews.stop());

  it("answers a new review 504 call_timeout at once and stores nothing; reading still works", async () => {
    const response = await reviews.client.http.post("/api/v1/reviews", { product_id: bought, rating: 5, body: "Worth it." }, customer);
    expect([response.status, response.body.error.code]).toEqual([504, "call_timeout"]);
    expect(response.ms).toBeLessThan(1500);
    expect(await reviews.client.sql("reviews", "select id from reviews")).toEqual([]);
    const listed = await reviews.client.http.get(`/api/v1/reviews?product_id=${bought}`);
    expect([listed.status, listed.body.reviews]).toEqual([200, []]);
  });
});
