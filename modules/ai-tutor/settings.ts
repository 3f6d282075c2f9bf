import { defineSettings, type ModuleContext } from "../../runtime/module-api/index.ts";

/** The ai-tutor module's knobs (TWOFOLD_<NAME>). */
export const tutorSettings = defineSettings({
  TUTOR_PROVIDER: {
    type: "integer",
    default: 0,
    description: "which model provider answers, by its place in `modules/ai-tutor/providers.ts` (0: the deterministic fake)",
  },
  TUTOR_REPLY_TIMEOUT_MS: {
    type: "integer",
    default: 10000,
    min: 1,
    description: "how long a message waits for the model's answer before `tutor_timeout`",
  },
  TUTOR_FAKE_SLOW_MS: { type: "integer", default: 30000, description: "how long the fake provider takes to answer in its slow mode" },
});

/** What ai-tutor's code runs with: a module context with its settings. */
export type TutorContext = ModuleContext<typeof tutorSettings>;
