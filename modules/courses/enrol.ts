import type { EnrolmentView } from "../../contracts/courses/api.ts";
import { CourseEnrolled } from "../../contracts/courses/events.ts";
import { GetUser } from "../../contracts/users/calls.ts";
import { AppError, type ModuleContext, type Principal } from "../../runtime/module-api/index.ts";
import { findCourse } from "./catalogue.ts";
import { Enrolment } from "./entities.ts";
import { toEnrolmentView } from "./views.ts";

/**
 * Enrols the session's user: only with a verified email and a complete profile (the certificate a course
 * leads to carries the learner's name), which users says (users.get), asked before the transaction. Enrolling
 * again is answered with the enrolment there is; the primary key decides a race between two first ones, and
 * only the request that wrote the row publishes course.enrolled.
 */
export async function enrol(ctx: ModuleContext, who: Principal, courseId: string): Promise<{ enrolment: EnrolmentView; created: boolean }> {
  if (!who.email_verified) throw new AppError("email_not_verified", "verify your email address before enrolling");
  const course = await findCourse(ctx, courseId);
  const user = await ctx.call(GetUser, { user_id: who.user_id });
  if (!user.profile_complete) throw new AppError("profile_incomplete", "complete your profile (name and address) before enrolling");
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const inserted = await tx.em.execute(
      `insert into "courses"."enrolments" (course_id, user_id, enrolled_at) values (?, ?, ?) on conflict do nothing returning course_id`,
      [course.id, who.user_id, now],
    );
    if (inserted.length > 0) {
      const enrolment = toEnrolmentView(course, who.user_id, now);
      tx.publish(CourseEnrolled, { user_id: who.user_id, course_id: course.id, course_title: course.title, enrolled_at: enrolment.enrolled_at });
      return { enrolment, created: true };
    }
    const existing = await tx.em.findOneOrFail(Enrolment, { courseId: course.id, userId: who.user_id });
    return { enrolment: toEnrolmentView(course, who.user_id, existing.enrolledAt), created: false };
  });
}
