import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { PostBody, PostCommentBody, PostCommentList, PostCommentView, PostLikeView, PostList, PostView } from "../../contracts/social/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, endpoint, type ModuleContext, newId, principal, requireSession, resource } from "../../runtime/module-api/index.ts";
import { addComment } from "./comments.ts";
import { Post, PostComment } from "./entities.ts";
import { like, unlike } from "./likes.ts";
import { toCommentView, toPostView } from "./views.ts";

const PostId = { id: Id };
/** The feed shows the newest posts, one page. */
const FEED_PAGE = 50;

/** Reading is public; writing needs a session, and the author is always the session's user. */
export function socialRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  const signedIn = requireSession((token) => ctx.call(Authenticate, { token }));
  app.post("/posts", signedIn);
  app.post("/posts/:id/comments", signedIn);
  app.on(["PUT", "DELETE"], "/posts/:id/like", signedIn);

  const existing = async (id: string) => {
    const post = await ctx.db.em().findOne(Post, { id });
    if (!post) throw new AppError("post_not_found", "no such post");
    return post;
  };

  resource(app, "/posts", {
    GET: endpoint({
      summary: "Read the feed",
      description: `The newest ${FEED_PAGE} posts, newest first.`,
      responses: { 200: PostList },
      handle: async (c) => {
        const posts = await ctx.db.em().find(Post, {}, { orderBy: { createdAt: "desc", id: "desc" }, limit: FEED_PAGE });
        return c.json({ posts: posts.map(toPostView) }, 200);
      },
    }),
    POST: endpoint({
      summary: "Post to the feed",
      body: PostBody,
      responses: { 201: PostView },
      handle: async (c, input) => {
        const { body } = await input.body();
        const post = await ctx.db.transaction(async ({ em }) =>
          em.create(Post, { id: newId(), authorId: principal(c).user_id, body, likeCount: 0, commentCount: 0, createdAt: ctx.clock.now() }),
        );
        return c.json(toPostView(post), 201);
      },
    }),
  });
  resource(app, "/posts/:id", {
    GET: endpoint({
      summary: "Read a post",
      params: PostId,
      responses: { 200: PostView },
      errors: ["post_not_found"],
      handle: async (c, input) => c.json(toPostView(await existing(input.param("id"))), 200),
    }),
  });
  resource(app, "/posts/:id/comments", {
    GET: endpoint({
      summary: "List a post's comments",
      description: "Oldest first.",
      params: PostId,
      responses: { 200: PostCommentList },
      errors: ["post_not_found"],
      handle: async (c, input) => {
        const post = await existing(input.param("id"));
        const comments = await ctx.db.em().find(PostComment, { postId: post.id }, { orderBy: { createdAt: "asc", id: "asc" } });
        return c.json({ comments: comments.map(toCommentView) }, 200);
      },
    }),
    POST: endpoint({
      summary: "Comment on a post",
      description: "The post's author is notified (unless it is their own comment).",
      params: PostId,
      body: PostCommentBody,
      responses: { 201: PostCommentView },
      errors: ["post_not_found"],
      handle: async (c, input) => c.json(await addComment(ctx, input.param("id"), principal(c).user_id, (await input.body()).body), 201),
    }),
  });
  resource(app, "/posts/:id/like", {
    PUT: endpoint({
      summary: "Like a post",
      description: "Idempotent: liking twice counts (and notifies the author) once.",
      params: PostId,
      responses: { 200: PostLikeView },
      errors: ["post_not_found"],
      handle: async (c, input) => c.json(await like(ctx, input.param("id"), principal(c).user_id), 200),
    }),
    DELETE: endpoint({
      summary: "Take a like back",
      description: "Idempotent: unliking twice, at once or what was never liked changes nothing; the count never goes below zero.",
      params: PostId,
      responses: { 200: PostLikeView },
      errors: ["post_not_found"],
      handle: async (c, input) => c.json(await unlike(ctx, input.param("id"), principal(c).user_id), 200),
    }),
  });
  return app;
}
