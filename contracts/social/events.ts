import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

export const PostCommented = defineEvent({
  type: "post.commented",
  owner: "social",
  payload: v.object({ post_id: Id, comment_id: Id, post_author_id: Id, commenter_id: Id, commented_at: Timestamp }),
});

/** A like that counted: liking twice counts once, so it is published once per like. */
export const PostLiked = defineEvent({
  type: "post.liked",
  owner: "social",
  payload: v.object({ post_id: Id, post_author_id: Id, liker_id: Id, like_count: v.number(), liked_at: Timestamp }),
});
