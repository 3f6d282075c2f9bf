import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

/** A verification code as printed on a certificate (`CERT-` and twelve letters or digits). */
export const VerificationCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^CERT-[0-9A-Z]{12}$/, "is no verification code"));

/** What anyone holding a certificate's code may learn of it, without signing in: who, which course, when. */
export const CertificateVerification = v.object({
  code: v.string(),
  learner_name: v.string(),
  course_id: Id,
  course_title: v.string(),
  issued_at: Timestamp,
});

export const CertificateView = v.object({ ...CertificateVerification.entries, id: Id, user_id: Id, exam_id: Id });
export type CertificateView = v.InferOutput<typeof CertificateView>;

export const CertificateList = v.object({ certificates: v.array(CertificateView) });
