import type { CertificateView } from "../../contracts/certificates/api.ts";
import type { Certificate } from "./entities.ts";

export const toCertificateView = (c: Certificate): CertificateView => ({
  id: c.id,
  code: c.code,
  user_id: c.userId,
  learner_name: c.learnerName,
  course_id: c.courseId,
  course_title: c.courseTitle,
  exam_id: c.examId,
  issued_at: c.issuedAt.toISOString(),
});

/** What the public verification shows: who, which course, when; not the learner's id. */
export const toVerification = ({ code, learner_name, course_id, course_title, issued_at }: CertificateView) => ({
  code,
  learner_name,
  course_id,
  course_title,
  issued_at,
});
