import assert from "node:assert/strict";
import { eventually } from "../../eventually.ts";
import { check, defineSuite } from "../../suite.ts";
import { addToCart, awaitNotification, bearer, checkout, newCustomer, newProduct, notificationsOf, settledOrder } from "../shop.ts";

/** Journey 4: review → comment → like → author notified; unlike twice → count 0, never −1 (seed 000's bug). */
export const socialJourney = defineSuite("Journey 4: social", [
  check("only buyers review; comments and likes notify the author; likes never go negative", async (sys) => {
    const author = await newCustomer(sys, { name: "Author" });
    const commenter = await newCustomer(sys, { name: "Commenter" });
    const fan = await newCustomer(sys, { name: "Fan" });
    const productId = await newProduct(sys, { price: 8, inventory: 5 });

    const stranger = await sys.http.post("/api/v1/reviews", { product_id: productId, rating: 5, body: "Great!" }, { headers: bearer(commenter.token) });
    assert.equal(stranger.status, 403, JSON.stringify(stranger.body));
    assert.equal(stranger.body.error.code, "purchase_required");

    await addToCart(sys, author.token, productId, 1);
    const placed = await checkout(sys, author.token, { payment_token: "tok_visa" });
    assert.equal((await settledOrder(sys, author.token, placed.body.id)).status, "confirmed");

    const review = await sys.http.post("/api/v1/reviews", { product_id: productId, rating: 4, body: "Does what it says." }, { headers: bearer(author.token) });
    assert.equal(review.status, 201, JSON.stringify(review.body));
    const reviewId: string = review.body.id;
    const again = await sys.http.post("/api/v1/reviews", { product_id: productId, rating: 1, body: "Changed my mind" }, { headers: bearer(author.token) });
    assert.equal(again.status, 409);

    const comment = await sys.http.post(`/api/v1/reviews/${reviewId}/comments`, { body: "Agreed." }, { headers: bearer(commenter.token) });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    const commented = await awaitNotification(sys, author.token, "review_commented");
    assert.equal(commented.data.review_id, reviewId);

    const like = (token: string, method: "PUT" | "DELETE") => sys.http.request(method, `/api/v1/reviews/${reviewId}/like`, { headers: bearer(token) });
    assert.equal((await like(fan.token, "PUT")).body.like_count, 1);
    assert.equal((await like(fan.token, "PUT")).body.like_count, 1, "liking twice counts once");
    await awaitNotification(sys, author.token, "review_liked");

    assert.equal((await like(fan.token, "DELETE")).body.like_count, 0);
    const twice = await like(fan.token, "DELETE");
    assert.equal(twice.status, 200);
    assert.equal(twice.body.like_count, 0, "unliking twice never goes below zero");
    const never = await like(commenter.token, "DELETE");
    assert.equal(never.body.like_count, 0, "unliking what was never liked is a no-op");

    const stored = await sys.sql("reviews", "select like_count, comment_count from reviews where id = ?", [reviewId]);
    assert.deepEqual(stored, [{ like_count: 0, comment_count: 1 }]);
    await sys.idle();
    assert.equal((await notificationsOf(sys, author.token, "review_liked")).length, 1, "one like, one notification");
    await eventually(async () => assert.equal((await sys.http.get(`/api/v1/reviews/${reviewId}`)).body.like_count, 0));
  }),
]);
