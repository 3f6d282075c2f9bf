import type { PostCommentView, PostView } from "../../contracts/social/api.ts";
import type { Post, PostComment } from "./entities.ts";

export const toPostView = (post: Post): PostView => ({
  id: post.id,
  author_id: post.authorId,
  body: post.body,
  like_count: post.likeCount,
  comment_count: post.commentCount,
  created_at: post.createdAt.toISOString(),
});

export const toCommentView = (comment: PostComment): PostCommentView => ({
  id: comment.id,
  post_id: comment.postId,
  author_id: comment.authorId,
  body: comment.body,
  created_at: comment.createdAt.toISOString(),
});
