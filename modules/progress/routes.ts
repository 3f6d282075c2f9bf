import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { CourseProgressView, DeviceName, DeviceReportView, ProgressReportBody } from "../../contracts/progress/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { endpoint, type ModuleContext, principal, requireSession, resource } from "../../runtime/module-api/index.ts";
import { CourseProgress, DeviceReport } from "./entities.ts";
import { joinReports } from "./merge.ts";
import { recordReport } from "./record.ts";

/** The learner's own progress: always the session's user, from whichever device reports it. */
export function progressRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use(
    "/progress/*",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );

  resource(app, "/progress/lessons/:lesson_id/devices/:device", {
    PUT: endpoint({
      summary: "Report a device's progress in a lesson",
      description:
        "Merged, never overwritten: the lesson keeps the furthest position and the completion any device reported, and each device's highest version. Answers this device's report as merged; the lesson's progress, every device's together, is in the course's.",
      params: { lesson_id: Id, device: DeviceName },
      body: ProgressReportBody,
      responses: { 200: DeviceReportView },
      errors: ["lesson_not_found", "not_enrolled"],
      handle: async (c, input) =>
        c.json(await recordReport(ctx, principal(c).user_id, input.param("lesson_id"), input.param("device"), await input.body()), 200),
    }),
  });
  resource(app, "/progress/courses/:course_id", {
    GET: endpoint({
      summary: "Read my progress in a course",
      description: "Every lesson some device has reported, merged; a course nothing was reported of has no lessons.",
      params: { course_id: Id },
      responses: { 200: CourseProgressView },
      handle: async (c, input) => {
        const userId = principal(c).user_id;
        const courseId = input.param("course_id");
        const view = await ctx.db.snapshot(async (em) => {
          const reports = await em.find(DeviceReport, { userId, courseId }, { orderBy: { lessonId: "asc", device: "asc" } });
          const course = await em.findOne(CourseProgress, { userId, courseId });
          const lessons = [...new Set(reports.map((r) => r.lessonId))].map((lessonId) =>
            joinReports(
              lessonId,
              courseId,
              reports.filter((r) => r.lessonId === lessonId),
            ),
          );
          return {
            course_id: courseId,
            completed_lessons: lessons.filter((l) => l.completed).length,
            completed_at: course?.completedAt?.toISOString() ?? null,
            lessons,
          };
        });
        return c.json(view, 200);
      },
    }),
  });
  return app;
}
