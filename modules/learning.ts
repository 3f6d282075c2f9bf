import { learningCalls, learningEvents } from "../contracts/catalog.ts";
import type { SystemDefinition } from "../runtime/system.ts";
import { tutorModule } from "./ai-tutor/module.ts";
import { certificatesModule } from "./certificates/module.ts";
import { coursesModule } from "./courses/module.ts";
import { examsModule } from "./exams/module.ts";
import { notificationsModule } from "./notifications/module.ts";
import { progressModule } from "./progress/module.ts";
import { socialModule } from "./social/module.ts";
import { usersModule } from "./users/module.ts";

/**
 * The learning platform of seed 000: the shop's identity and notifications modules, shared as they are, and
 * the platform's own modules. Only the host imports this; modules never import each other.
 */
export const learning: SystemDefinition = {
  modules: [usersModule, coursesModule, progressModule, notificationsModule, examsModule, certificatesModule, tutorModule, socialModule],
  calls: learningCalls,
  events: learningEvents,
};
