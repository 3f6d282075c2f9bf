import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

export const ReviewPosted = defineEvent({
  type: "review.posted",
  owner: "reviews",
  payload: v.object({ review_id: Id, product_id: Id, author_id: Id, rating: v.number(), posted_at: Timestamp }),
});

export const ReviewCommented = defineEvent({
  type: "review.commented",
  owner: "reviews",
  payload: v.object({ review_id: Id, comment_id: Id, review_author_id: Id, commenter_id: Id, commented_at: Timestamp }),
});

/** A like that counted (liking twice counts once, so it is published once). */
export const ReviewLiked = defineEvent({
  type: "review.liked",
  owner: "reviews",
  payload: v.object({ review_id: Id, review_author_id: Id, liker_id: Id, like_count: v.number(), liked_at: Timestamp }),
});
