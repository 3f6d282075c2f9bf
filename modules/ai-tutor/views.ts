import type { SessionView } from "../../contracts/tutor/api.ts";
import type { TutorMessage, TutorSession } from "./entities.ts";

export const toSessionView = (session: TutorSession, messages: readonly TutorMessage[]): SessionView => ({
  id: session.id,
  user_id: session.userId,
  lesson_id: session.lessonId,
  course_id: session.courseId,
  status: session.status,
  messages: messages.map((m) => ({
    id: m.id,
    role: m.role,
    content: m.content,
    answered: m.answered,
    created_at: m.createdAt.toISOString(),
  })),
  started_at: session.startedAt.toISOString(),
  completed_at: session.completedAt?.toISOString() ?? null,
});
