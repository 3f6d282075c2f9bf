import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type * as v from "valibot";
import { HasPurchased } from "../../contracts/orders/calls.ts";
import type { CreateReviewBody, ReviewView } from "../../contracts/reviews/api.ts";
import { ReviewPosted } from "../../contracts/reviews/events.ts";
import { AppError, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { Review } from "./entities.ts";
import { toReviewView } from "./views.ts";

/**
 * Only a buyer may review, once per product. Orders is asked before the transaction (calls inside one are
 * refused); the unique (product, author) index decides a race between two first reviews.
 */
export async function postReview(ctx: ModuleContext, authorId: string, body: v.InferOutput<typeof CreateReviewBody>): Promise<ReviewView> {
  const { purchased } = await ctx.call(HasPurchased, { user_id: authorId, product_id: body.product_id });
  if (!purchased) throw new AppError("purchase_required", "only customers who bought this product can review it");
  try {
    return await ctx.db.transaction(async (tx) => {
      const review = tx.em.create(Review, {
        id: newId(),
        productId: body.product_id,
        authorId,
        rating: body.rating,
        body: body.body,
        likeCount: 0,
        commentCount: 0,
        createdAt: new Date(),
      });
      const view = toReviewView(review);
      tx.publish(ReviewPosted, {
        review_id: view.id,
        product_id: view.product_id,
        author_id: authorId,
        rating: view.rating,
        posted_at: view.created_at,
      });
      return view;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new AppError("already_reviewed", "you have already reviewed this product");
    }
    throw error;
  }
}
