import type * as v from "valibot";
import type { LikeView as LikeViewSchema } from "../../contracts/reviews/api.ts";
import { ReviewLiked } from "../../contracts/reviews/events.ts";
import { AppError, type ModuleContext, type Tx } from "../../runtime/module-api/index.ts";

type LikeView = v.InferOutput<typeof LikeViewSchema>;
type Counted = { author_id: string; like_count: number };

const found = ([review]: Counted[]): Counted => {
  if (!review) throw new AppError("review_not_found", "no such review");
  return review;
};

export const reviewCounts = async (tx: Tx, reviewId: string): Promise<Counted> =>
  found(await tx.em.execute<Counted[]>(`select author_id, like_count from "reviews"."reviews" where id = ?`, [reviewId]));

/** Publishes review.liked with the review's count after the like (in the caller's transaction). */
export const announceLike = (tx: Tx, reviewId: string, likerId: string, review: Counted): void => {
  tx.publish(ReviewLiked, {
    review_id: reviewId,
    review_author_id: review.author_id,
    liker_id: likerId,
    like_count: review.like_count,
    liked_at: new Date().toISOString(),
  });
};

/**
 * The counter moves only when the likes table did: +1 when this request inserted the row, so liking twice
 * counts (and notifies) once. Seed 000 counted requests instead of rows.
 */
export function like(ctx: ModuleContext, reviewId: string, userId: string): Promise<LikeView> {
  return ctx.db.transaction(async (tx) => {
    await reviewCounts(tx, reviewId);
    const inserted = await tx.em.execute(
      `insert into "reviews"."likes" (review_id, user_id) values (?, ?) on conflict do nothing returning review_id`,
      [reviewId, userId],
    );
    if (inserted.length === 0) return { review_id: reviewId, liked: true, like_count: (await reviewCounts(tx, reviewId)).like_count };
    const review = found(
      await tx.em.execute<Counted[]>(`update "reviews"."reviews" set like_count = like_count + 1 where id = ? returning author_id, like_count`, [
        reviewId,
      ]),
    );
    announceLike(tx, reviewId, userId, review);
    return { review_id: reviewId, liked: true, like_count: review.like_count };
  });
}

/**
 * -1 only when this request deleted the row, so unliking what was never liked changes nothing; the
 * `like_count > 0` condition is a second guard: the count cannot go below zero whatever happens.
 */
export function unlike(ctx: ModuleContext, reviewId: string, userId: string): Promise<LikeView> {
  return ctx.db.transaction(async (tx) => {
    await reviewCounts(tx, reviewId);
    const deleted = await tx.em.execute(`delete from "reviews"."likes" where review_id = ? and user_id = ? returning review_id`, [reviewId, userId]);
    if (deleted.length > 0) {
      await tx.em.execute(`update "reviews"."reviews" set like_count = like_count - 1 where id = ? and like_count > 0`, [reviewId]);
    }
    return { review_id: reviewId, liked: false, like_count: (await reviewCounts(tx, reviewId)).like_count };
  });
}
