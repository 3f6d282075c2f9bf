import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import { HasPurchased } from "../../contracts/orders/calls.ts";
import { CommentList, CommentView, LikeView, ReviewList, ReviewView } from "../../contracts/reviews/api.ts";
import { fakeModule, fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { reviewsModule } from "./module.ts";

/** Stand-ins for the modules reviews asks: sessions from a token map, purchases from a set. */
const users = Array.from({ length: 24 }, (_, i) => `user-${i}`);
const purchases = new Set(["user-0:product-1", "user-1:product-1", "user-0:product-2"]);
const fakeUsers = fakeSessions((token) => users.find((u) => `token-${u}` === token));
const fakeOrders = fakeModule("orders", [
  answer(HasPurchased, async ({ user_id, product_id }) => ({ purchased: purchases.has(`${user_id}:${product_id}`) })),
]);

const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });

describe("reviews module on PGlite", () => {
  let system: InProcessSystem;
  let reviewId: string;
  beforeAll(async () => {
    system = await inProcess({ modules: [reviewsModule, fakeUsers, fakeOrders], calls: shopCalls, events: shopEvents });
    const created = await system.client.http.post("/api/v1/reviews", { product_id: "product-1", rating: 5, body: "Sturdy." }, as("user-1"));
    reviewId = created.body.id;
  });
  afterAll(() => system.stop());

  const http = () => system.client.http;
  const likeCount = async (id: string) => (await http().get(`/api/v1/reviews/${id}`)).body.like_count as number;

  it("lets a buyer review once, publishing review.posted", async () => {
    await system.client.events.fromNow();
    const created = await http().post(
      "/api/v1/reviews",
      { product_id: "product-1", rating: 4, body: " Good value. ", author_id: "user-9" },
      as("user-0"),
    );
    expect(created.status).toBe(201);
    expect(v.is(ReviewView, created.body)).toBe(true);
    expect(created.body).toMatchObject({
      product_id: "product-1",
      author_id: "user-0",
      rating: 4,
      body: "Good value.",
      like_count: 0,
      comment_count: 0,
    });
    const event = await system.client.events.expect("review.posted", (e) => (e.payload as { review_id: string }).review_id === created.body.id);
    expect(event.payload).toEqual({
      review_id: created.body.id,
      product_id: "product-1",
      author_id: "user-0",
      rating: 4,
      posted_at: created.body.created_at,
    });
    expect((await http().get(`/api/v1/reviews/${created.body.id}`)).body).toEqual(created.body);

    const again = await http().post("/api/v1/reviews", { product_id: "product-1", rating: 1, body: "Changed my mind." }, as("user-0"));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_reviewed");
    const list = await http().get("/api/v1/reviews?product_id=product-1");
    expect(list.status).toBe(200);
    expect(v.is(ReviewList, list.body)).toBe(true);
    expect(list.body.reviews.map((r: { author_id: string }) => r.author_id)).toEqual(["user-1", "user-0"]);
  });

  it("refuses a review from someone who did not buy the product", async () => {
    const refused = await http().post("/api/v1/reviews", { product_id: "product-1", rating: 5, body: "Never owned it." }, as("user-2"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("purchase_required");
    expect(await system.client.sql("reviews", "select id from reviews where author_id = 'user-2'")).toEqual([]);
  });

  it("keeps only one review when the same buyer posts twice at once", async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map((rating) => http().post("/api/v1/reviews", { product_id: "product-2", rating, body: "Twice." }, as("user-0"))),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await system.client.sql("reviews", "select id from reviews where product_id = 'product-2'")).toHaveLength(1);
  });

  it("needs a session to write, not to read", async () => {
    expect((await http().post("/api/v1/reviews", { product_id: "product-1", rating: 5, body: "x" })).status).toBe(401);
    expect((await http().post("/api/v1/reviews", { product_id: "product-1", rating: 5, body: "x" }, as("nobody"))).status).toBe(401);
    expect((await http().request("PUT", `/api/v1/reviews/${reviewId}/like`)).status).toBe(401);
    expect((await http().request("DELETE", `/api/v1/reviews/${reviewId}/like`)).status).toBe(401);
    expect((await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "hi" })).status).toBe(401);
    expect((await http().get(`/api/v1/reviews/${reviewId}/comments`)).status).toBe(200);
  });

  it("comments, counting them with the comment and publishing review.commented", async () => {
    await system.client.events.fromNow();
    const comment = await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "Agreed!" }, as("user-3"));
    expect(comment.status).toBe(201);
    expect(v.is(CommentView, comment.body)).toBe(true);
    expect(comment.body).toMatchObject({ review_id: reviewId, author_id: "user-3", body: "Agreed!" });
    const event = await system.client.events.expect("review.commented", (e) => (e.payload as { comment_id: string }).comment_id === comment.body.id);
    expect(event.payload).toEqual({
      review_id: reviewId,
      comment_id: comment.body.id,
      review_author_id: "user-1",
      commenter_id: "user-3",
      commented_at: comment.body.created_at,
    });
    expect((await http().get(`/api/v1/reviews/${reviewId}`)).body.comment_count).toBe(1);
    const comments = await http().get(`/api/v1/reviews/${reviewId}/comments`);
    expect(v.is(CommentList, comments.body)).toBe(true);
    expect(comments.body).toEqual({ comments: [comment.body] });
  });

  it("counts a like twice only once and publishes review.liked once", async () => {
    await system.client.events.fromNow();
    const first = await http().request("PUT", `/api/v1/reviews/${reviewId}/like`, as("user-4"));
    const second = await http().request("PUT", `/api/v1/reviews/${reviewId}/like`, as("user-4"));
    expect(first.status).toBe(200);
    expect(v.is(LikeView, first.body)).toBe(true);
    expect(first.body).toEqual({ review_id: reviewId, liked: true, like_count: 1 });
    expect(second.body).toEqual({ review_id: reviewId, liked: true, like_count: 1 });
    await system.client.idle();
    const liked = await system.client.events.all("review.liked", (e) => (e.payload as { review_id: string }).review_id === reviewId);
    expect(liked.map((e) => e.payload)).toEqual([
      { review_id: reviewId, review_author_id: "user-1", liker_id: "user-4", like_count: 1, liked_at: expect.any(String) },
    ]);
  });

  it("never counts below zero when unliking twice or unliking what was never liked", async () => {
    const first = await http().request("DELETE", `/api/v1/reviews/${reviewId}/like`, as("user-4"));
    const second = await http().request("DELETE", `/api/v1/reviews/${reviewId}/like`, as("user-4"));
    const stranger = await http().request("DELETE", `/api/v1/reviews/${reviewId}/like`, as("user-5"));
    expect([first.body, second.body, stranger.body]).toEqual([0, 0, 0].map((like_count) => ({ review_id: reviewId, liked: false, like_count })));
    expect(await likeCount(reviewId)).toBe(0);
  });

  it("keeps the count equal to the likes rows under 20 concurrent likes and unlikes", async () => {
    const crowd = users.slice(4, 24);
    await Promise.all(crowd.slice(0, 10).map((u) => http().request("PUT", `/api/v1/reviews/${reviewId}/like`, as(u))));
    const requests = crowd.flatMap((u, i) => {
      const order = i % 2 === 0 ? ["DELETE", "PUT", "DELETE"] : ["PUT", "DELETE", "PUT"];
      return order.map((method) => http().request(method, `/api/v1/reviews/${reviewId}/like`, as(u)));
    });
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const rows = await system.client.sql("reviews", "select user_id from likes where review_id = ?", [reviewId]);
    const count = await likeCount(reviewId);
    expect(count).toBe(rows.length);
    expect(count).toBeGreaterThanOrEqual(0);
  });

  it("answers bad input with 400", async () => {
    const bad = [
      { product_id: "product-1", rating: 6, body: "x" },
      { product_id: "product-1", rating: 0, body: "x" },
      { product_id: "product-1", rating: 4.5, body: "x" },
      { product_id: "product-1", rating: "5", body: "x" },
      { product_id: "product-1", rating: 5, body: "   " },
      { rating: 5, body: "x" },
      [],
    ];
    for (const body of bad) {
      const response = await http().post("/api/v1/reviews", body, as("user-1"));
      expect({ body, status: response.status, code: response.body.error.code }).toEqual({ body, status: 400, code: "validation_failed" });
    }
    expect((await http().post("/api/v1/reviews", "{oops", as("user-1"))).body.error.code).toBe("invalid_json");
    expect((await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "" }, as("user-1"))).status).toBe(400);
    expect((await http().post(`/api/v1/reviews/${reviewId}/comments`, { body: "x".repeat(2001) }, as("user-1"))).status).toBe(400);
    expect((await http().get("/api/v1/reviews")).status).toBe(400);
    expect((await http().get("/api/v1/reviews?product_id=")).status).toBe(400);
    expect((await http().request("PATCH", `/api/v1/reviews/${reviewId}/like`, as("user-1"))).status).toBe(405);
  });

  it("answers an unknown review with 404 review_not_found", async () => {
    const unknown = "/api/v1/reviews/no-such-review";
    const responses = [
      await http().get(unknown),
      await http().get(`${unknown}/comments`),
      await http().post(`${unknown}/comments`, { body: "hello?" }, as("user-3")),
      await http().request("PUT", `${unknown}/like`, as("user-3")),
      await http().request("DELETE", `${unknown}/like`, as("user-3")),
    ];
    expect(responses.map((r) => [r.status, r.body.error.code])).toEqual(Array(5).fill([404, "review_not_found"]));
    expect(await system.client.sql("reviews", "select * from likes where review_id = 'no-such-review'")).toEqual([]);
    expect(await system.client.sql("reviews", "select * from comments where review_id = 'no-such-review'")).toEqual([]);
  });
});
