import { PostCommented, PostLiked } from "../../contracts/social/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { socialConsumes } from "./consumes.ts";
import { Post, PostComment, PostLike } from "./entities.ts";
import { socialProviderStates } from "./provider-states.ts";
import { socialRoutes } from "./routes.ts";
import { tellCommented, tellLiked } from "./subscribers.ts";

/** The learners' feed: posts, comments and likes that count exactly once; a post's author is told of both. */
export const socialModule = defineModule({
  name: "social",
  version: "1.0.0",
  resources: ["posts"],
  entities: [Post, PostComment, PostLike],
  publishes: [PostCommented, PostLiked],
  calls: [],
  events: [tellCommented, tellLiked],
  routes: socialRoutes,
  consumes: socialConsumes,
  providerStates: socialProviderStates,
});
