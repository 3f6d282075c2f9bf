import { TutorSessionCompleted } from "../../contracts/tutor/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { tutorConsumes } from "./consumes.ts";
import { FakeProviderState, TutorMessage, TutorSession } from "./entities.ts";
import { tutorProviderStates } from "./provider-states.ts";
import { tutorRoutes } from "./routes.ts";
import { tutorSettings } from "./settings.ts";

/**
 * AI-assisted learning: a learner's tutoring session of a lesson against a model provider behind a port
 * (provider.ts; a deterministic fake unless another is plugged in). A provider that is slow or down degrades
 * the session, never loses a turn; completing it completes the lesson in progress, once.
 */
export const tutorModule = defineModule({
  name: "ai-tutor",
  version: "1.0.0",
  resources: ["tutor"],
  entities: [TutorSession, TutorMessage, FakeProviderState],
  publishes: [TutorSessionCompleted],
  settings: tutorSettings,
  calls: [],
  events: [],
  routes: tutorRoutes,
  consumes: tutorConsumes,
  providerStates: tutorProviderStates,
});
