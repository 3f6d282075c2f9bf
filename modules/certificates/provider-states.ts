import { CertificateIssued } from "../../contracts/certificates/events.ts";
import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";

/** The states the consumers of certificate.issued name. */
export const certificatesProviderStates: Record<string, ProviderStateHandler> = {
  /** The certificate is written once under the given ids, and announced every time, as issuing announces it. */
  "certificate has just been issued": (ctx, params) =>
    ctx.db.transaction(async (tx) => {
      const [id, userId, courseId, courseTitle, code] = ["certificate_id", "user_id", "course_id", "course_title", "code"].map((k) =>
        String(params[k]),
      ) as [string, string, string, string, string];
      const at = new Date();
      await tx.em.execute(
        `insert into "certificates"."certificates" (id, code, user_id, learner_name, course_id, course_title, exam_id, session_id, issued_at)
         values (?, ?, ?, 'Contract Customer', ?, ?, 'x-ct', 's-ct', ?) on conflict do nothing`,
        [id, code, userId, courseId, courseTitle, at],
      );
      tx.publish(CertificateIssued, {
        certificate_id: id,
        user_id: userId,
        course_id: courseId,
        course_title: courseTitle,
        code,
        issued_at: at.toISOString(),
      });
    }),
};
