import { ReviewCommented, ReviewLiked, ReviewPosted } from "../../contracts/reviews/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { reviewsConsumes } from "./consumes.ts";
import { Comment, Like, Review } from "./entities.ts";
import { reviewsProviderStates } from "./provider-states.ts";
import { reviewsRoutes } from "./routes.ts";

/** What buyers say about products, and what others say back: comments and likes that count exactly once. */
export const reviewsModule = defineModule({
  name: "reviews",
  version: "1.0.0",
  resources: ["reviews"],
  entities: [Review, Comment, Like],
  publishes: [ReviewPosted, ReviewCommented, ReviewLiked],
  calls: [],
  events: [],
  routes: reviewsRoutes,
  consumes: reviewsConsumes,
  providerStates: reviewsProviderStates,
});
