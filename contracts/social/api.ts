import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));

export const PostBody = v.object({ body: Text(5000) });
export const PostCommentBody = v.object({ body: Text(2000) });

export const PostView = v.object({
  id: Id,
  author_id: Id,
  body: v.string(),
  like_count: v.number(),
  comment_count: v.number(),
  created_at: Timestamp,
});
export type PostView = v.InferOutput<typeof PostView>;

export const PostList = v.object({ posts: v.array(PostView) });
export const PostCommentView = v.object({ id: Id, post_id: Id, author_id: Id, body: v.string(), created_at: Timestamp });
export type PostCommentView = v.InferOutput<typeof PostCommentView>;
export const PostCommentList = v.object({ comments: v.array(PostCommentView) });
export const PostLikeView = v.object({ post_id: Id, liked: v.boolean(), like_count: v.number() });
export type PostLikeView = v.InferOutput<typeof PostLikeView>;
