import * as v from "valibot";
import { defineConsumer, usesCall } from "../../contracts/consumer.ts";
import { GetCourse } from "../../contracts/courses/calls.ts";
import { GetCourseCompletion } from "../../contracts/progress/calls.ts";
import { Authenticate } from "../../contracts/users/calls.ts";

const learner = "u-ct-exams-learner";
const course = "c-ct-exams";

/** Everything exams relies on: whose session it is, the course an exam is written for, and whether the learner completed it. */
export const examsConsumes = defineConsumer("exams", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a learner's session",
        given: { name: "session belongs to user", params: { token: "tok-ct-exams", user_id: learner, email_verified: true } },
        request: { token: "tok-ct-exams" },
        respond: { reply: { user_id: learner, session_id: "ses-ct-exams-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-exams-unknown" } },
        request: { token: "tok-ct-exams-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesCall(GetCourse, {
    // The course's title: the exam keeps it, and its pass events (and so the certificate) name the course by it.
    reads: v.object({ course_id: v.string(), title: v.string() }),
    interactions: [
      {
        description: "the operator writes an exam for a course",
        given: { name: "course exists", params: { course_id: course, course_title: "Contract Testing 101" } },
        request: { course_id: course },
        respond: { reply: { course_id: course, title: "Contract Testing 101", lesson_count: 2 } },
      },
      {
        description: "an exam for a course that does not exist",
        given: { name: "no such course", params: { course_id: "c-ct-exams-nowhere" } },
        request: { course_id: "c-ct-exams-nowhere" },
        respond: { error: "course_not_found" },
      },
    ],
  }),
  usesCall(GetCourseCompletion, {
    reads: v.object({ completed: v.boolean() }),
    interactions: [
      {
        description: "a learner who completed every lesson starts the exam",
        given: { name: "user has completed the course", params: { user_id: learner, course_id: course } },
        request: { user_id: learner, course_id: course },
        respond: { reply: { user_id: learner, course_id: course, completed_lessons: 2, completed: true, completed_at: "2025-01-01T12:00:00.000Z" } },
      },
      {
        description: "a learner who has not completed the course",
        given: { name: "user has not completed the course", params: { user_id: "u-ct-exams-beginner", course_id: course } },
        request: { user_id: "u-ct-exams-beginner", course_id: course },
        respond: { reply: { user_id: "u-ct-exams-beginner", course_id: course, completed_lessons: 0, completed: false, completed_at: null } },
      },
    ],
  }),
]);
