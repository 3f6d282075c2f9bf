import { defineEntity, type InferEntity, p } from "@mikro-orm/core";

/** A learner's tutoring session of one lesson: open until completed, completed once. */
export const TutorSession = defineEntity({
  name: "TutorSession",
  tableName: "sessions",
  schema: "ai-tutor",
  properties: {
    id: p.string().primary(),
    userId: p.string().index(),
    lessonId: p.string(),
    courseId: p.string(),
    status: p.enum(["open", "completed"] as const),
    startedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});
export type TutorSession = InferEntity<typeof TutorSession>;

/**
 * One turn of a session. A learner's turn is stored before the model is asked, so a provider that is slow or
 * down loses nothing: the turn stays unanswered until an answer comes.
 */
export const TutorMessage = defineEntity({
  name: "TutorMessage",
  tableName: "messages",
  schema: "ai-tutor",
  properties: {
    id: p.string().primary(),
    sessionId: p.string().index(),
    role: p.enum(["learner", "tutor"] as const),
    content: p.text(),
    answered: p.boolean(),
    createdAt: p.datetime(),
  },
});
export type TutorMessage = InferEntity<typeof TutorMessage>;

/** The fake provider's mode (fake-provider.ts): one row, absent while it is up. */
export const FakeProviderState = defineEntity({
  name: "FakeProviderState",
  tableName: "fake_provider",
  schema: "ai-tutor",
  properties: {
    id: p.integer().primary(),
    mode: p.string(),
  },
});
