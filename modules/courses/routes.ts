import { Hono } from "hono";
import { CourseList, CourseView, CreateCourseBody, EnrolmentList, EnrolmentView } from "../../contracts/courses/api.ts";
import { Id } from "../../contracts/ids.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { endpoint, type ModuleContext, principal, requireOperator, requireSession, resource } from "../../runtime/module-api/index.ts";
import { createCourse, readCourse } from "./catalogue.ts";
import { enrol } from "./enrol.ts";
import { Course, Enrolment } from "./entities.ts";
import { toCourseSummary, toEnrolmentView } from "./views.ts";

/** The catalogue is public and written by the operator; enrolments are the session's user's own. */
export function coursesRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.on("POST", "/courses", requireOperator(ctx));
  const signedIn = requireSession((token) => ctx.call(Authenticate, { token }));
  app.use("/enrolments", signedIn);
  app.use("/enrolments/*", signedIn);

  resource(app, "/courses", {
    GET: endpoint({
      summary: "List the courses",
      description: "The catalogue, newest first.",
      responses: { 200: CourseList },
      handle: async (c) => {
        const courses = await ctx.db.em().find(Course, {}, { orderBy: { createdAt: "desc", id: "desc" } });
        return c.json({ courses: courses.map(toCourseSummary) }, 200);
      },
    }),
    POST: endpoint({
      summary: "Create a course",
      description: "With its whole outline: sections (a course's modules) in order, each with its lessons in order.",
      body: CreateCourseBody,
      responses: { 201: CourseView },
      handle: async (c, input) => c.json(await createCourse(ctx, await input.body()), 201),
    }),
  });
  resource(app, "/courses/:id", {
    GET: endpoint({
      summary: "Read a course and its outline",
      params: { id: Id },
      responses: { 200: CourseView },
      errors: ["course_not_found"],
      handle: async (c, input) => c.json(await readCourse(ctx, input.param("id")), 200),
    }),
  });
  resource(app, "/enrolments", {
    GET: endpoint({
      summary: "List my enrolments",
      responses: { 200: EnrolmentList },
      handle: async (c) => {
        const userId = principal(c).user_id;
        const rows = await ctx.db.em().find(Enrolment, { userId }, { orderBy: { enrolledAt: "asc", courseId: "asc" } });
        const courses = await ctx.db.em().find(Course, { id: { $in: rows.map((r) => r.courseId) } });
        const byId = new Map(courses.map((course) => [course.id, course]));
        return c.json({ enrolments: rows.map((r) => toEnrolmentView(byId.get(r.courseId) as Course, userId, r.enrolledAt)) }, 200);
      },
    }),
  });
  resource(app, "/enrolments/:course_id", {
    PUT: endpoint({
      summary: "Enrol in a course",
      description: "Idempotent: 201 the first time, 200 with the same enrolment after. Needs a verified email and a complete profile.",
      params: { course_id: Id },
      responses: { 200: EnrolmentView, 201: EnrolmentView },
      errors: ["course_not_found", "email_not_verified", "profile_incomplete"],
      handle: async (c, input) => {
        const { enrolment, created } = await enrol(ctx, principal(c), input.param("course_id"));
        return created ? c.json(enrolment, 201) : c.json(enrolment, 200);
      },
    }),
  });
  return app;
}
