import * as v from "valibot";
import { defineConsumer, usesCall } from "../../contracts/consumer.ts";
import { GetLessonAccess } from "../../contracts/courses/calls.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const learner = "u-ct-tutor-learner";

/** Everything ai-tutor relies on: whose session it is, and whether the lesson is one of their courses'. */
export const tutorConsumes = defineConsumer("ai-tutor", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a learner's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-tutor", user_id: learner, email_verified: true } },
        request: { token: "tok-ct-tutor" },
        respond: { reply: { user_id: learner, session_id: "ses-ct-tutor-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-tutor-unknown" } },
        request: { token: "tok-ct-tutor-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesCall(GetLessonAccess, {
    // The course the session's lesson is in (what its completion counts towards), and whether the learner may start one.
    reads: v.object({ course_id: v.string(), enrolled: v.boolean() }),
    interactions: [
      {
        description: "a lesson of a course the learner is enrolled in",
        given: { name: "user is enrolled in the lesson's course", params: { user_id: learner, lesson_id: "l-ct-tutor", course_id: "c-ct-tutor" } },
        request: { user_id: learner, lesson_id: "l-ct-tutor" },
        respond: { reply: { lesson_id: "l-ct-tutor", course_id: "c-ct-tutor", course_lessons: 2, enrolled: true } },
      },
      {
        description: "a lesson of a course the learner is not enrolled in",
        given: {
          name: "user is not enrolled in the lesson's course",
          params: { user_id: learner, lesson_id: "l-ct-tutor-other", course_id: "c-ct-tutor-other" },
        },
        request: { user_id: learner, lesson_id: "l-ct-tutor-other" },
        respond: { reply: { lesson_id: "l-ct-tutor-other", course_id: "c-ct-tutor-other", course_lessons: 2, enrolled: false } },
      },
      {
        description: "a lesson that does not exist",
        given: { name: "no such lesson", params: { lesson_id: "l-ct-tutor-nowhere" } },
        request: { user_id: learner, lesson_id: "l-ct-tutor-nowhere" },
        respond: { error: "lesson_not_found" },
      },
    ],
  }),
]);
