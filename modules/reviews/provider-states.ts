import type { EntityManager } from "@mikro-orm/postgresql";
import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";
import { announceComment } from "./comments.ts";
import { Comment } from "./entities.ts";
import { announceLike, like, reviewCounts } from "./likes.ts";

type Params = Readonly<Record<string, string | number | boolean>>;

/** A contract's review, written once under the given id, of a product of its own (one review per product and author). */
const ensureReview = (em: EntityManager, params: Params) =>
  em.execute(
    `insert into "reviews"."reviews" (id, product_id, author_id, rating, body, like_count, comment_count, created_at)
     values (?, ?, ?, 5, 'Reviewed for contract verification.', 0, 0, ?) on conflict do nothing`,
    [String(params.review_id), `product-of-${params.review_id}`, String(params.author_id), new Date()],
  );

/** The states the consumers of the review events name. */
export const reviewsProviderStates: Record<string, ProviderStateHandler> = {
  /** The comment is written once under the given id (counted once, as addComment counts it), and announced every time. */
  "review has just been commented on": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      await ensureReview(tx.em, params);
      const inserted = await tx.em.execute(
        `insert into "reviews"."comments" (id, review_id, author_id, body, created_at) values (?, ?, ?, 'Commented for contract verification.', ?)
         on conflict do nothing returning id`,
        [String(params.comment_id), String(params.review_id), String(params.commenter_id), new Date()],
      );
      if (inserted.length > 0)
        await tx.em.execute(`update "reviews"."reviews" set comment_count = comment_count + 1 where id = ?`, [String(params.review_id)]);
      const comment = await tx.em.findOneOrFail(Comment, { id: String(params.comment_id) });
      announceComment(tx, comment, (await reviewCounts(tx, comment.reviewId)).author_id);
    }),

  /** The first time through the real like; a like that already counted is announced again with the count as it is. */
  "review has just been liked": async (ctx, params) => {
    const reviewId = String(params.review_id);
    const likerId = String(params.liker_id);
    await ctx.db.transaction(({ em }) => ensureReview(em, params));
    const liked = await ctx.db.em().execute(`select 1 from "reviews"."likes" where review_id = ? and user_id = ?`, [reviewId, likerId]);
    if (liked.length === 0) await like(ctx, reviewId, likerId);
    else await ctx.db.transaction(async (tx) => announceLike(tx, reviewId, likerId, await reviewCounts(tx, reviewId)));
  },
};
