import * as v from "valibot";
import { defineEvent } from "../define.ts";
import { Id, Timestamp } from "../ids.ts";

/** A learner's one certificate of a course, issued: published once per user and course. */
export const CertificateIssued = defineEvent({
  type: "certificate.issued",
  owner: "certificates",
  payload: v.object({ certificate_id: Id, user_id: Id, course_id: Id, course_title: v.string(), code: v.string(), issued_at: Timestamp }),
});
