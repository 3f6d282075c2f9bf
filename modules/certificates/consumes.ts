import * as v from "valibot";
import { CertificateIssued } from "../../contracts/certificates/events.ts";
import { defineConsumer, usesCall, usesEvent } from "../../contracts/consumer.ts";
import { ExamPassed } from "../../contracts/exams/events.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";

const learner = "u-ct-certificates-learner";
const course = "c-ct-certificates";
const at = "2025-01-01T12:00:00.000Z";
const passed = {
  user_id: learner,
  course_id: course,
  course_title: "Contract Testing 101",
  exam_id: "x-ct-certificates",
  session_id: "s-ct-certificates",
};
const issued = {
  certificate_id: "cert-ct-certificates",
  user_id: learner,
  course_id: course,
  course_title: "Contract Testing 101",
  code: "CERT-0123456789AB",
};

/** Everything certificates relies on: whose list it is, a passed exam, the learner's name, telling them, and its own issued certificates. */
export const certificatesConsumes = defineConsumer("certificates", [
  usesCall(Authenticate, {
    reads: v.object({ user_id: v.string() }),
    interactions: [
      {
        description: "a learner lists their certificates",
        given: { name: "session belongs to user", params: { token: "tok-ct-certificates", user_id: learner, email_verified: true } },
        request: { token: "tok-ct-certificates" },
        respond: { reply: { user_id: learner, session_id: "ses-ct-certificates-1", email_verified: true } },
      },
      {
        description: "an unknown or signed-out token",
        given: { name: "no such session", params: { token: "tok-ct-certificates-unknown" } },
        request: { token: "tok-ct-certificates-unknown" },
        respond: { error: "unauthenticated" },
      },
    ],
  }),
  usesEvent(ExamPassed, {
    reads: v.object({ user_id: v.string(), course_id: v.string(), course_title: v.string(), exam_id: v.string(), session_id: v.string() }),
    interactions: [
      {
        description: "a learner passed a course's exam",
        given: { name: "user has passed the exam", params: passed },
        example: { ...passed, score: 1, question_count: 1, pass_mark: 50, graded_at: at },
      },
    ],
  }),
  usesCall(GetUser, {
    // The name the certificate is issued under.
    reads: v.object({ name: v.string() }),
    interactions: [
      {
        description: "the learner who passed",
        given: { name: "user has completed their profile", params: { user_id: learner, name: "Grace Hopper" } },
        request: { user_id: learner },
        respond: {
          reply: { id: learner, name: "Grace Hopper", email: `${learner}@contracts.example`, email_verified: true, profile_complete: true },
        },
      },
      {
        description: "a pass of a learner users does not know: no certificate",
        given: { name: "no such user", params: { user_id: "u-ct-certificates-nobody" } },
        request: { user_id: "u-ct-certificates-nobody" },
        respond: { error: "user_not_found" },
      },
    ],
  }),
  usesCall(Notify, {
    reads: v.object({ notification_id: v.string() }),
    interactions: [
      {
        description: "a learner is told their certificate is issued",
        given: { name: "notices can be sent" },
        request: {
          user_id: learner,
          kind: "certificate_issued",
          message: "Your certificate for Contract Testing 101 is ready. Anyone can verify it with the code CERT-0123456789AB.",
          data: { certificate_id: issued.certificate_id, course_id: course, code: issued.code },
          source_id: "ev-ct-certificates-issued",
        },
        respond: { reply: { notification_id: "n-ct-certificates" } },
      },
    ],
  }),
  usesEvent(CertificateIssued, {
    // Its own event, followed to tell the learner once the certificate is committed.
    reads: v.object({ certificate_id: v.string(), user_id: v.string(), course_id: v.string(), course_title: v.string(), code: v.string() }),
    interactions: [
      {
        description: "a certificate was issued",
        given: { name: "certificate has just been issued", params: issued },
        example: { ...issued, issued_at: at },
      },
    ],
  }),
]);
