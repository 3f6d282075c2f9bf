import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { GetLessonAccess } from "../../contracts/courses/calls.ts";
import { TutorSessionCompleted } from "../../contracts/tutor/events.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const learner = "u-ct-progress-learner";
const course = "c-ct-progress";

/** Everything progress relies on: whose progress it is, whether the lesson is one of their courses', and tutoring sessions completed. */
export const progressConsumes = defineConsumer("progress", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a learner's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-progress", user_id: learner, email_verified: true } },
        request: { token: "tok-ct-progress" },
        respond: { reply: { user_id: learner, session_id: "ses-ct-progress-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-progress-unknown" } },
        request: { token: "tok-ct-progress-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesCall(GetLessonAccess, {
    // The course its reports count towards, how many lessons complete it, and whether the learner may report.
    reads: v.object({ course_id: v.string(), course_lessons: v.pipe(v.number(), v.integer()), enrolled: v.boolean() }),
    interactions: [
      {
        description: "a lesson of a course the learner is enrolled in",
        given: { name: "user is enrolled in the lesson's course", params: { user_id: learner, lesson_id: "l-ct-progress", course_id: course } },
        request: { user_id: learner, lesson_id: "l-ct-progress" },
        respond: { reply: { lesson_id: "l-ct-progress", course_id: course, course_lessons: 2, enrolled: true } },
      },
      {
        description: "a lesson of a course the learner is not enrolled in",
        given: {
          name: "user is not enrolled in the lesson's course",
          params: { user_id: learner, lesson_id: "l-ct-progress-other", course_id: "c-ct-progress-other" },
        },
        request: { user_id: learner, lesson_id: "l-ct-progress-other" },
        respond: { reply: { lesson_id: "l-ct-progress-other", course_id: "c-ct-progress-other", course_lessons: 2, enrolled: false } },
      },
      {
        description: "a lesson that does not exist",
        given: { name: "no such lesson", params: { lesson_id: "l-ct-progress-nowhere" } },
        request: { user_id: learner, lesson_id: "l-ct-progress-nowhere" },
        respond: { error: "lesson_not_found" },
      },
    ],
  }),
  usesEvent(TutorSessionCompleted, {
    // The learner and the lesson the session completes; the course is courses' to say.
    reads: v.object({ user_id: v.string(), lesson_id: v.string() }),
    interactions: [
      {
        description: "a learner completed an AI tutoring session of a lesson",
        given: {
          name: "tutor session has just been completed",
          params: { session_id: "ts-ct-progress", user_id: learner, lesson_id: "l-ct-progress", course_id: course },
        },
        example: {
          session_id: "ts-ct-progress",
          user_id: learner,
          lesson_id: "l-ct-progress",
          course_id: course,
          completed_at: "2025-01-01T12:00:00.000Z",
        },
      },
    ],
  }),
]);
