import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

export const StartSessionBody = v.object({ lesson_id: Id });

export const MessageBody = v.object({ content: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(4000)) });

/** How the fake model provider behaves: answering, answering too late, or not at all (the harness degrades it). */
const fakeProviderModes = ["up", "slow", "down"] as const;
export const FakeProviderBody = v.object({ mode: v.picklist(fakeProviderModes) });
export const FakeProviderView = v.object({ mode: v.picklist(fakeProviderModes) });

/** One turn of the conversation; a learner's turn stays `answered: false` until the model has answered it. */
const MessageView = v.object({
  id: Id,
  role: v.picklist(["learner", "tutor"]),
  content: v.string(),
  answered: v.boolean(),
  created_at: Timestamp,
});

export const SessionView = v.object({
  id: Id,
  user_id: Id,
  lesson_id: Id,
  course_id: Id,
  status: v.picklist(["open", "completed"]),
  messages: v.array(MessageView),
  started_at: Timestamp,
  completed_at: v.nullable(Timestamp),
});
export type SessionView = v.InferOutput<typeof SessionView>;
