import type { PostLikeView } from "../../contracts/social/api.ts";
import { PostLiked } from "../../contracts/social/events.ts";
import { AppError, type ModuleContext, type Tx } from "../../runtime/module-api/index.ts";

type Counted = { author_id: string; like_count: number };

const found = ([post]: Counted[]): Counted => {
  if (!post) throw new AppError("post_not_found", "no such post");
  return post;
};

export const postCounts = async (tx: Tx, postId: string): Promise<Counted> =>
  found(await tx.em.execute<Counted[]>(`select author_id, like_count from "social"."posts" where id = ?`, [postId]));

/** Publishes post.liked with the post's count after the like (in the caller's transaction). */
export const announceLike = (tx: Tx, postId: string, likerId: string, post: Counted, at: Date): void => {
  tx.publish(PostLiked, {
    post_id: postId,
    post_author_id: post.author_id,
    liker_id: likerId,
    like_count: post.like_count,
    liked_at: at.toISOString(),
  });
};

/** The count moves only when the likes table did: +1 when this request inserted the row, so liking twice counts (and notifies) once. */
export function like(ctx: ModuleContext, postId: string, userId: string): Promise<PostLikeView> {
  return ctx.db.transaction(async (tx) => {
    await postCounts(tx, postId);
    const inserted = await tx.em.execute(`insert into "social"."likes" (post_id, user_id) values (?, ?) on conflict do nothing returning post_id`, [
      postId,
      userId,
    ]);
    if (inserted.length === 0) return { post_id: postId, liked: true, like_count: (await postCounts(tx, postId)).like_count };
    const post = found(
      await tx.em.execute<Counted[]>(`update "social"."posts" set like_count = like_count + 1 where id = ? returning author_id, like_count`, [
        postId,
      ]),
    );
    announceLike(tx, postId, userId, post, ctx.clock.now());
    return { post_id: postId, liked: true, like_count: post.like_count };
  });
}

/**
 * -1 only when this request deleted the like: of two unlikes at once the second finds no row to delete (it
 * waits on the first's row lock, then sees it gone), and an unlike of what was never liked deletes nothing.
 * Should anything still try, the posts table's check constraint refuses a count below zero.
 */
export function unlike(ctx: ModuleContext, postId: string, userId: string): Promise<PostLikeView> {
  return ctx.db.transaction(async (tx) => {
    await postCounts(tx, postId);
    const deleted = await tx.em.execute(`delete from "social"."likes" where post_id = ? and user_id = ? returning post_id`, [postId, userId]);
    if (deleted.length > 0) await tx.em.execute(`update "social"."posts" set like_count = like_count - 1 where id = ?`, [postId]);
    return { post_id: postId, liked: false, like_count: (await postCounts(tx, postId)).like_count };
  });
}
