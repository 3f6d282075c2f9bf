import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));

export const CreateReviewBody = v.object({
  product_id: Id,
  rating: v.pipe(v.number(), v.integer("must be an integer"), v.minValue(1), v.maxValue(5)),
  body: Text(5000),
});
/** Public listing of one product's reviews: `?product_id=` is required. */
export const ReviewListQuery = v.object({ product_id: Id });
export const CommentBody = v.object({ body: Text(2000) });

export const ReviewView = v.object({
  id: Id,
  product_id: Id,
  author_id: Id,
  rating: v.number(),
  body: v.string(),
  like_count: v.number(),
  comment_count: v.number(),
  created_at: Timestamp,
});
export type ReviewView = v.InferOutput<typeof ReviewView>;

export const ReviewList = v.object({ reviews: v.array(ReviewView) });
export const CommentView = v.object({ id: Id, review_id: Id, author_id: Id, body: v.string(), created_at: Timestamp });
export const CommentList = v.object({ comments: v.array(CommentView) });
export const LikeView = v.object({ review_id: Id, liked: v.boolean(), like_count: v.number() });
