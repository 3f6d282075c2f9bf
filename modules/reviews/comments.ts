import type * as v from "valibot";
import type { CommentBody, CommentView } from "../../contracts/reviews/api.ts";
import { ReviewCommented } from "../../contracts/reviews/events.ts";
import { AppError, type ModuleContext, newId, type Tx } from "../../runtime/module-api/index.ts";
import { Comment } from "./entities.ts";
import { toCommentView } from "./views.ts";

/** Publishes review.commented for a comment (in the caller's transaction); the review's author is told. */
export const announceComment = (tx: Tx, comment: Comment, reviewAuthorId: string): void => {
  tx.publish(ReviewCommented, {
    review_id: comment.reviewId,
    comment_id: comment.id,
    review_author_id: reviewAuthorId,
    commenter_id: comment.authorId,
    commented_at: comment.createdAt.toISOString(),
  });
};

/** The comment and its count change together; the atomic increment also tells whether the review exists. */
export function addComment(
  ctx: ModuleContext,
  reviewId: string,
  commenterId: string,
  body: v.InferOutput<typeof CommentBody>,
): Promise<v.InferOutput<typeof CommentView>> {
  return ctx.db.transaction(async (tx) => {
    const [review] = await tx.em.execute<{ author_id: string }[]>(
      `update "reviews"."reviews" set comment_count = comment_count + 1 where id = ? returning author_id`,
      [reviewId],
    );
    if (!review) throw new AppError("review_not_found", "no such review");
    const comment = tx.em.create(Comment, { id: newId(), reviewId, authorId: commenterId, body: body.body, createdAt: new Date() });
    announceComment(tx, comment, review.author_id);
    return toCommentView(comment);
  });
}
