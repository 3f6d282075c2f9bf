import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** One review per product and author; the counters change only by atomic SQL (see likes.ts, comments.ts). */
export const Review = defineEntity({
  name: "Review",
  tableName: "reviews",
  schema: "reviews",
  uniques: [{ properties: ["productId", "authorId"] }],
  properties: {
    id: p.string().primary(),
    productId: p.string(),
    authorId: p.string(),
    rating: p.integer(),
    body: p.text(),
    likeCount: p.integer(),
    commentCount: p.integer(),
    createdAt: p.datetime(),
  },
});

export type Review = InferEntity<typeof Review>;

export const Comment = defineEntity({
  name: "Comment",
  tableName: "comments",
  schema: "reviews",
  properties: {
    id: p.string().primary(),
    reviewId: p.string().index(),
    authorId: p.string(),
    body: p.text(),
    createdAt: p.datetime(),
  },
});

export type Comment = InferEntity<typeof Comment>;

/** Who likes what: the primary key makes a second like by the same user impossible. */
export const Like = defineEntity({
  name: "Like",
  tableName: "likes",
  schema: "reviews",
  properties: {
    reviewId: p.string().primary(),
    userId: p.string().primary(),
  },
});

export type Like = InferEntity<typeof Like>;
