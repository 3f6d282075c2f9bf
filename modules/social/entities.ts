import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/**
 * A post in the learners' feed. Its counters change only by atomic SQL (likes.ts, comments.ts), and the
 * database itself refuses a negative one: seed 000's unlike drove a like count to -1, -2, ...
 */
export const Post = defineEntity({
  name: "Post",
  tableName: "posts",
  schema: "social",
  properties: {
    id: p.string().primary(),
    authorId: p.string().index(),
    body: p.text(),
    likeCount: p.integer().check("like_count >= 0"),
    commentCount: p.integer().check("comment_count >= 0"),
    createdAt: p.datetime(),
  },
});
export type Post = InferEntity<typeof Post>;

export const PostComment = defineEntity({
  name: "PostComment",
  tableName: "comments",
  schema: "social",
  properties: {
    id: p.string().primary(),
    postId: p.string().index(),
    authorId: p.string(),
    body: p.text(),
    createdAt: p.datetime(),
  },
});
export type PostComment = InferEntity<typeof PostComment>;

/** Who likes which post: the primary key makes a second like by the same user impossible. */
export const PostLike = defineEntity({
  name: "PostLike",
  tableName: "likes",
  schema: "social",
  properties: {
    postId: p.string().primary(),
    userId: p.string().primary(),
  },
});
export type PostLike = InferEntity<typeof PostLike>;
