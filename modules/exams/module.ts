import { ExamFailed, ExamPassed } from "../../contracts/exams/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { examsConsumes } from "./consumes.ts";
import { Answer, Exam, ExamSession, Question } from "./entities.ts";
import { gradeExpiredSessions } from "./expiry.ts";
import { examsProviderStates } from "./provider-states.ts";
import { examsRoutes } from "./routes.ts";
import { examsSettings } from "./settings.ts";

/** A course's exam (written by the operator) and learners' timed sessions of it: answers, grading once, timing out on the runtime's clock. */
export const examsModule = defineModule({
  name: "exams",
  version: "1.0.0",
  resources: ["exams"],
  entities: [Exam, Question, ExamSession, Answer],
  publishes: [ExamPassed, ExamFailed],
  settings: examsSettings,
  calls: [],
  events: [],
  routes: examsRoutes,
  background: [gradeExpiredSessions],
  consumes: examsConsumes,
  providerStates: examsProviderStates,
});
