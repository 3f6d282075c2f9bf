import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { PostCommented, PostLiked } from "../../contracts/social/events.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const author = "u-ct-social-author";
const fan = "u-ct-social-fan";
const post = "p-ct-social";
const at = "2025-01-01T12:00:00.000Z";

/** Everything social relies on: who is writing, telling a post's author, and its own events, followed to tell them. */
export const socialConsumes = defineConsumer("social", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a learner's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-social", user_id: fan, email_verified: true } },
        request: { token: "tok-ct-social" },
        respond: { reply: { user_id: fan, session_id: "ses-ct-social-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-social-unknown" } },
        request: { token: "tok-ct-social-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesCall(Notify, {
    reads: v.object({ notification_id: v.string() }),
    interactions: [
      {
        description: "a post's author is told of a comment",
        given: { name: "notices can be sent" },
        request: {
          user_id: author,
          kind: "post_commented",
          message: "Someone commented on your post.",
          data: { post_id: post, comment_id: "pc-ct-social", commenter_id: fan },
          source_id: "ev-ct-social-commented",
        },
        respond: { reply: { notification_id: "n-ct-social-commented" } },
      },
      {
        description: "a post's author is told of a like",
        given: { name: "notices can be sent" },
        request: {
          user_id: author,
          kind: "post_liked",
          message: "Someone liked your post.",
          data: { post_id: post, liker_id: fan },
          source_id: "ev-ct-social-liked",
        },
        respond: { reply: { notification_id: "n-ct-social-liked" } },
      },
    ],
  }),
  usesEvent(PostCommented, {
    reads: v.object({ post_id: v.string(), comment_id: v.string(), post_author_id: v.string(), commenter_id: v.string() }),
    interactions: [
      {
        description: "someone commented on a learner's post",
        given: {
          name: "post has just been commented on",
          params: { post_id: post, author_id: author, comment_id: "pc-ct-social", commenter_id: fan },
        },
        example: { post_id: post, comment_id: "pc-ct-social", post_author_id: author, commenter_id: fan, commented_at: at },
      },
    ],
  }),
  usesEvent(PostLiked, {
    reads: v.object({ post_id: v.string(), post_author_id: v.string(), liker_id: v.string() }),
    interactions: [
      {
        description: "someone liked a learner's post",
        given: { name: "post has just been liked", params: { post_id: `${post}-liked`, author_id: author, liker_id: fan } },
        example: { post_id: `${post}-liked`, post_author_id: author, liker_id: fan, like_count: 1, liked_at: at },
      },
    ],
  }),
]);
