import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import {
  CommentBody,
  CommentList,
  CommentView,
  CreateReviewBody,
  LikeView,
  ReviewList,
  ReviewListQuery,
  ReviewView,
} from "../../contracts/reviews/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, endpoint, type ModuleContext, principal, requireSession, resource } from "../../runtime/module-api/index.ts";
import { addComment } from "./comments.ts";
import { Comment, Review } from "./entities.ts";
import { like, unlike } from "./likes.ts";
import { postReview } from "./post-review.ts";
import { toCommentView, toReviewView } from "./views.ts";

const ReviewId = { id: Id };

/** Reading is public; writing needs a session, and the author is always the session's user. */
export function reviewsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  const signedIn = requireSession((token) => ctx.call(Authenticate, { token }));
  app.post("/reviews", signedIn);
  app.post("/reviews/:id/comments", signedIn);
  app.on(["PUT", "DELETE"], "/reviews/:id/like", signedIn);

  const existing = async (id: string) => {
    const review = await ctx.db.em().findOne(Review, { id });
    if (!review) throw new AppError("review_not_found", "no such review");
    return review;
  };

  resource(app, "/reviews", {
    GET: endpoint({
      summary: "List a product's reviews",
      query: ReviewListQuery,
      responses: { 200: ReviewList },
      handle: async (c, input) => {
        const { product_id } = input.query();
        const reviews = await ctx.db.em().find(Review, { productId: product_id }, { orderBy: { createdAt: "asc", id: "asc" } });
        return c.json({ reviews: reviews.map(toReviewView) }, 200);
      },
    }),
    POST: endpoint({
      summary: "Review a product",
      description: "Only after a confirmed purchase of it, once per product.",
      body: CreateReviewBody,
      responses: { 201: ReviewView },
      errors: ["purchase_required", "already_reviewed"],
      handle: async (c, input) => {
        const body = await input.body();
        return c.json(await postReview(ctx, principal(c).user_id, body), 201);
      },
    }),
  });
  resource(app, "/reviews/:id", {
    GET: endpoint({
      summary: "Read a review",
      params: ReviewId,
      responses: { 200: ReviewView },
      errors: ["review_not_found"],
      handle: async (c, input) => c.json(toReviewView(await existing(input.param("id"))), 200),
    }),
  });
  resource(app, "/reviews/:id/comments", {
    GET: endpoint({
      summary: "List a review's comments",
      params: ReviewId,
      responses: { 200: CommentList },
      errors: ["review_not_found"],
      handle: async (c, input) => {
        const review = await existing(input.param("id"));
        const comments = await ctx.db.em().find(Comment, { reviewId: review.id }, { orderBy: { createdAt: "asc", id: "asc" } });
        return c.json({ comments: comments.map(toCommentView) }, 200);
      },
    }),
    POST: endpoint({
      summary: "Comment on a review",
      params: ReviewId,
      body: CommentBody,
      responses: { 201: CommentView },
      errors: ["review_not_found"],
      handle: async (c, input) => {
        const body = await input.body();
        return c.json(await addComment(ctx, input.param("id"), principal(c).user_id, body), 201);
      },
    }),
  });
  resource(app, "/reviews/:id/like", {
    PUT: endpoint({
      summary: "Like a review",
      description: "Idempotent: liking twice counts once.",
      params: ReviewId,
      responses: { 200: LikeView },
      errors: ["review_not_found"],
      handle: async (c, input) => c.json(await like(ctx, input.param("id"), principal(c).user_id), 200),
    }),
    DELETE: endpoint({
      summary: "Take a like back",
      description: "Idempotent: the count never goes below zero.",
      params: ReviewId,
      responses: { 200: LikeView },
      errors: ["review_not_found"],
      handle: async (c, input) => c.json(await unlike(ctx, input.param("id"), principal(c).user_id), 200),
    }),
  });
  return app;
}
