import { Notify } from "../../contracts/notifications/calls.ts";
import { PostCommented, PostLiked } from "../../contracts/social/events.ts";
import { on } from "../../runtime/module-api/index.ts";

/**
 * Tells a post's author, through notifications' own call, once the comment or like is committed: social
 * follows its own events, so the notice is sent at least once (a failed call is a failed delivery, delivered
 * again) and kept once (the event's id is the notice's source). Nobody is told of their own comment or like.
 */
export const tellCommented = on(PostCommented, async ({ post_id, comment_id, post_author_id, commenter_id }, ctx) => {
  if (commenter_id === post_author_id) return;
  await ctx.call(Notify, {
    user_id: post_author_id,
    kind: "post_commented",
    message: "Someone commented on your post.",
    data: { post_id, comment_id, commenter_id },
    source_id: ctx.envelope.id,
  });
});

export const tellLiked = on(PostLiked, async ({ post_id, post_author_id, liker_id }, ctx) => {
  if (liker_id === post_author_id) return;
  await ctx.call(Notify, {
    user_id: post_author_id,
    kind: "post_liked",
    message: "Someone liked your post.",
    data: { post_id, liker_id },
    source_id: ctx.envelope.id,
  });
});
