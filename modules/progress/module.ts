import { CourseCompleted, LessonCompleted } from "../../contracts/progress/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { courseCompletionCall } from "./calls.ts";
import { progressConsumes } from "./consumes.ts";
import { CourseProgress, DeviceReport, LessonCompletion } from "./entities.ts";
import { progressProviderStates } from "./provider-states.ts";
import { progressRoutes } from "./routes.ts";
import { recordTutorSession } from "./subscribers.ts";

/** How far each learner got in each lesson, reported from any number of devices (an AI tutoring session is one) and merged without loss (merge.ts). */
export const progressModule = defineModule({
  name: "progress",
  version: "1.1.0",
  resources: ["progress"],
  entities: [DeviceReport, LessonCompletion, CourseProgress],
  publishes: [LessonCompleted, CourseCompleted],
  calls: [courseCompletionCall],
  events: [recordTutorSession],
  routes: progressRoutes,
  consumes: progressConsumes,
  providerStates: progressProviderStates,
});
