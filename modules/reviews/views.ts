import type * as v from "valibot";
import type { CommentView, ReviewView } from "../../contracts/reviews/api.ts";
import type { Comment, Review } from "./entities.ts";

export const toReviewView = (review: Review): ReviewView => ({
  id: review.id,
  product_id: review.productId,
  author_id: review.authorId,
  rating: review.rating,
  body: review.body,
  like_count: review.likeCount,
  comment_count: review.commentCount,
  created_at: review.createdAt.toISOString(),
});

export const toCommentView = (comment: Comment): v.InferOutput<typeof CommentView> => ({
  id: comment.id,
  review_id: comment.reviewId,
  author_id: comment.authorId,
  body: comment.body,
  created_at: comment.createdAt.toISOString(),
});
