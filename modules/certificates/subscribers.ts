import { CertificateIssued } from "../../contracts/certificates/events.ts";
import { ExamPassed } from "../../contracts/exams/events.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { isAppError, newId, on } from "../../runtime/module-api/index.ts";
import { newVerificationCode } from "./code.ts";

/**
 * Issues the learner's certificate of the course a passed exam belongs to, under the name users has for them
 * (asked before the transaction). The inbox keeps a redelivered pass from issuing twice, and the unique
 * (user, course) pair two different passes: only the delivery that wrote the row publishes certificate.issued.
 */
const issueOnPass = on(ExamPassed, async ({ user_id, course_id, course_title, exam_id, session_id }, ctx) => {
  let name: string;
  try {
    name = (await ctx.call(GetUser, { user_id })).name;
  } catch (error) {
    if (!isAppError(error, "user_not_found")) throw error;
    ctx.log.warn({ user_id, course_id }, "no certificate: the learner who passed is unknown to users");
    return;
  }
  await ctx.transaction(async (tx) => {
    const id = newId();
    const code = newVerificationCode();
    const issuedAt = ctx.clock.now();
    const inserted = await tx.em.execute(
      `insert into "certificates"."certificates" (id, code, user_id, learner_name, course_id, course_title, exam_id, session_id, issued_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, course_id) do nothing returning id`,
      [id, code, user_id, name, course_id, course_title, exam_id, session_id, issuedAt],
    );
    if (inserted.length > 0)
      tx.publish(CertificateIssued, { certificate_id: id, user_id, course_id, course_title, code, issued_at: issuedAt.toISOString() });
  });
});

/** Tells the learner through notifications' own call, as courses tells an enrolment: sent at least once, kept once (the event is its source). */
const tellIssued = on(CertificateIssued, async ({ user_id, course_id, course_title, code, certificate_id }, ctx) => {
  await ctx.call(Notify, {
    user_id,
    kind: "certificate_issued",
    message: `Your certificate for ${course_title} is ready. Anyone can verify it with the code ${code}.`,
    data: { certificate_id, course_id, code },
    source_id: ctx.envelope.id,
  });
});

export const certificatesSubscribers = [issueOnPass, tellIssued];
