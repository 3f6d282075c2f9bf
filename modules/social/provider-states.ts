import type { EntityManager } from "@mikro-orm/postgresql";
import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { announceComment } from "./comments.ts";
import { PostComment } from "./entities.ts";
import { announceLike, like, postCounts } from "./likes.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/** A contract's post, written once under the given id. */
const ensurePost = (em: EntityManager, params: Params) =>
  em.execute(
    `insert into "social"."posts" (id, author_id, body, like_count, comment_count, created_at)
     values (?, ?, 'Posted for contract verification.', 0, 0, ?) on conflict do nothing`,
    [String(params.post_id), String(params.author_id), new Date()],
  );

/** The states the consumers of the post events name (social itself, which follows them to notify). */
export const socialProviderStates: Record<string, ProviderStateHandler> = {
  /** The comment is written once under the given id (counted once, as addComment counts it), and announced every time. */
  "post has just been commented on": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      await ensurePost(tx.em, params);
      const inserted = await tx.em.execute(
        `insert into "social"."comments" (id, post_id, author_id, body, created_at) values (?, ?, ?, 'Commented for contract verification.', ?)
         on conflict do nothing returning id`,
        [String(params.comment_id), String(params.post_id), String(params.commenter_id), new Date()],
      );
      if (inserted.length > 0)
        await tx.em.execute(`update "social"."posts" set comment_count = comment_count + 1 where id = ?`, [String(params.post_id)]);
      const comment = await tx.em.findOneOrFail(PostComment, { id: String(params.comment_id) });
      announceComment(tx, comment, (await postCounts(tx, comment.postId)).author_id);
    }),

  /** The first time through the real like; a like that already counted is announced again with the count as it is. */
  "post has just been liked": async (ctx, params) => {
    const postId = String(params.post_id);
    const likerId = String(params.liker_id);
    await ctx.db.transaction(({ em }) => ensurePost(em, params));
    const liked = await ctx.db.em().execute(`select 1 from "social"."likes" where post_id = ? and user_id = ?`, [postId, likerId]);
    if (liked.length === 0) await like(ctx, postId, likerId);
    else await ctx.db.transaction(async (tx) => announceLike(tx, postId, likerId, await postCounts(tx, postId), new Date()));
  },
};
