import type { PostCommentView } from "../../contracts/social/api.ts";
import { PostCommented } from "../../contracts/social/events.ts";
import { AppError, type ModuleContext, newId, type Tx } from "../../runtime/module-api/index.ts";
import { PostComment } from "./entities.ts";
import { toCommentView } from "./views.ts";

/** Publishes post.commented for a comment (in the caller's transaction): the post's author is told. */
export const announceComment = (tx: Tx, comment: PostComment, postAuthorId: string): void => {
  tx.publish(PostCommented, {
    post_id: comment.postId,
    comment_id: comment.id,
    post_author_id: postAuthorId,
    commenter_id: comment.authorId,
    commented_at: comment.createdAt.toISOString(),
  });
};

/** The comment and its count change together; the atomic increment also tells whether the post exists. */
export function addComment(ctx: ModuleContext, postId: string, commenterId: string, body: string): Promise<PostCommentView> {
  return ctx.db.transaction(async (tx) => {
    const [post] = await tx.em.execute<{ author_id: string }[]>(
      `update "social"."posts" set comment_count = comment_count + 1 where id = ? returning author_id`,
      [postId],
    );
    if (!post) throw new AppError("post_not_found", "no such post");
    const comment = tx.em.create(PostComment, { id: newId(), postId, authorId: commenterId, body, createdAt: ctx.clock.now() });
    announceComment(tx, comment, post.author_id);
    return toCommentView(comment);
  });
}
