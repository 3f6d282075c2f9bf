import { defineSettings } from "../../runtime/module-api/index.ts";

/** The exams' knobs (TWOFOLD_<NAME>). */
export const examsSettings = defineSettings({
  EXAM_SWEEP_MS: { type: "integer", default: 1000, min: 1, description: "how often sessions past their deadline are looked for and graded" },
});
