import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/**
 * A learner's certificate of a course: one per user and course (the unique pair), however often or however
 * many passes announce it, with the public code that verifies it and the name and title it was issued under.
 */
export const Certificate = defineEntity({
  name: "Certificate",
  tableName: "certificates",
  schema: "certificates",
  uniques: [{ properties: ["userId", "courseId"] }],
  properties: {
    id: p.string().primary(),
    code: p.string().unique(),
    userId: p.string().index(),
    learnerName: p.string(),
    courseId: p.string(),
    courseTitle: p.string(),
    examId: p.string(),
    sessionId: p.string(),
    issuedAt: p.datetime(),
  },
});
export type Certificate = InferEntity<typeof Certificate>;
