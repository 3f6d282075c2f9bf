import { CourseEnrolled } from "../../contracts/courses/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { courseCall, lessonAccessCall } from "./calls.ts";
import { coursesConsumes } from "./consumes.ts";
import { Course, Enrolment, Lesson, Section } from "./entities.ts";
import { coursesProviderStates } from "./provider-states.ts";
import { coursesRoutes } from "./routes.ts";
import { tellEnrolled } from "./subscribers.ts";

/** The catalogue of courses (sections of lessons, written by the operator) and who is enrolled in which. */
export const coursesModule = defineModule({
  name: "courses",
  version: "1.1.0",
  resources: ["courses", "enrolments"],
  entities: [Course, Section, Lesson, Enrolment],
  publishes: [CourseEnrolled],
  calls: [lessonAccessCall, courseCall],
  events: [tellEnrolled],
  routes: coursesRoutes,
  consumes: coursesConsumes,
  providerStates: coursesProviderStates,
});
