import * as v from "valibot";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { CourseEnrolled } from "../../contracts/courses/events.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";

const learner = "u-ct-courses-learner";
const at = "2025-01-01T12:00:00.000Z";

/** Everything courses relies on: who is enrolling, whether their profile is complete, telling them, and its own enrolments. */
export const coursesConsumes = defineConsumer("courses", [
  usesCall(Authenticate, {
    // The learner and whether their email is verified: enrolling needs it.
    reads: v.object({ user_id: v.string(), email_verified: v.boolean() }),
    interactions: [
      {
        description: "a verified learner's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-courses", user_id: learner, email_verified: true } },
        request: { token: "tok-ct-courses" },
        respond: { reply: { user_id: learner, session_id: "ses-ct-courses-1", email_verified: true } },
      },
      {
        description: "an unverified learner's session",
        given: {
          name: "session belongs to user",
          params: { token: "tok-ct-courses-unverified", user_id: "u-ct-courses-new", email_verified: false },
        },
        request: { token: "tok-ct-courses-unverified" },
        respond: { reply: { user_id: "u-ct-courses-new", session_id: "ses-ct-courses-2", email_verified: false } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-courses-unknown" } },
        request: { token: "tok-ct-courses-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesCall(GetUser, {
    reads: v.object({ profile_complete: v.boolean() }),
    interactions: [
      {
        description: "a learner who completed their profile enrols",
        given: { name: "user has completed their profile", params: { user_id: learner, name: "Grace Hopper" } },
        request: { user_id: learner },
        respond: {
          reply: { id: learner, name: "Grace Hopper", email: `${learner}@contracts.example`, email_verified: true, profile_complete: true },
        },
      },
      {
        description: "a learner who has not completed their profile",
        given: { name: "user exists", params: { user_id: "u-ct-courses-incomplete" } },
        request: { user_id: "u-ct-courses-incomplete" },
        respond: {
          reply: {
            id: "u-ct-courses-incomplete",
            name: "Contract Customer",
            email: "u-ct-courses-incomplete@contracts.example",
            email_verified: false,
            profile_complete: false,
          },
        },
      },
    ],
  }),
  usesCall(Notify, {
    reads: v.object({ notification_id: v.string() }),
    interactions: [
      {
        description: "a learner is told they are enrolled",
        given: { name: "notices can be sent" },
        request: {
          user_id: learner,
          kind: "course_enrolled",
          message: "You are enrolled in Contract Testing 101.",
          data: { course_id: "c-ct-courses" },
          source_id: "ev-ct-courses-enrolled",
        },
        respond: { reply: { notification_id: "n-ct-courses" } },
      },
    ],
  }),
  usesEvent(CourseEnrolled, {
    // Its own event, followed to tell the learner once the enrolment is committed.
    reads: v.object({ user_id: v.string(), course_id: v.string(), course_title: v.string() }),
    interactions: [
      {
        description: "a learner enrolled for the first time",
        given: { name: "user has just enrolled", params: { user_id: learner, course_id: "c-ct-courses", course_title: "Contract Testing 101" } },
        example: { user_id: learner, course_id: "c-ct-courses", course_title: "Contract Testing 101", enrolled_at: at },
      },
    ],
  }),
]);
