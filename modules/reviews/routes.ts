import { type Context, Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CommentBody, CreateReviewBody, ReviewListQuery } from "../../contracts/reviews/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, type ModuleContext, principal, readBody, readParam, readQuery, requireSession, resource } from "../../runtime/module-api/index.ts";
import { addComment } from "./comments.ts";
import { Comment, Review } from "./entities.ts";
import { like, unlike } from "./likes.ts";
import { postReview } from "./post-review.ts";
import { toCommentView, toReviewView } from "./views.ts";

const reviewIdOf = (c: Context): string => readParam(c, "id", Id);

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
    GET: async (c) => {
      const { product_id } = readQuery(c, ReviewListQuery);
      const reviews = await ctx.db.em().find(Review, { productId: product_id }, { orderBy: { createdAt: "asc", id: "asc" } });
      return c.json({ reviews: reviews.map(toReviewView) }, 200);
    },
    POST: async (c) => {
      const body = await readBody(c, CreateReviewBody);
      return c.json(await postReview(ctx, principal(c).user_id, body), 201);
    },
  });
  resource(app, "/reviews/:id", {
    GET: async (c) => c.json(toReviewView(await existing(reviewIdOf(c))), 200),
  });
  resource(app, "/reviews/:id/comments", {
    GET: async (c) => {
      const review = await existing(reviewIdOf(c));
      const comments = await ctx.db.em().find(Comment, { reviewId: review.id }, { orderBy: { createdAt: "asc", id: "asc" } });
      return c.json({ comments: comments.map(toCommentView) }, 200);
    },
    POST: async (c) => {
      const body = await readBody(c, CommentBody);
      return c.json(await addComment(ctx, reviewIdOf(c), principal(c).user_id, body), 201);
    },
  });
  resource(app, "/reviews/:id/like", {
    PUT: async (c) => c.json(await like(ctx, reviewIdOf(c), principal(c).user_id), 200),
    DELETE: async (c) => c.json(await unlike(ctx, reviewIdOf(c), principal(c).user_id), 200),
  });
  return app;
}
