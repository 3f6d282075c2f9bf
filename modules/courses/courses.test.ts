import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { CourseList, CourseView, EnrolmentView } from "../../contracts/courses/api.ts";
import { GetCourse, GetLessonAccess } from "../../contracts/courses/calls.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { AppError, answer } from "../../runtime/module-api/index.ts";
import { coursesModule } from "./module.ts";

/** Stand-ins for users (sessions `token-<user>`; `unverified` and `incomplete` as their names say) and notifications (notices kept by source). */
const fakeUsers = fakeModule("users", [
  answer(Authenticate, async ({ token }) => {
    const user = /^token-(.+)$/.exec(token)?.[1];
    if (!user) throw new AppError("unauthenticated", "unknown session");
    return { user_id: user, session_id: `session-${user}`, email_verified: user !== "unverified" };
  }),
  answer(GetUser, async ({ user_id }) => ({
    id: user_id,
    name: "Grace",
    email: `${user_id}@example.com`,
    email_verified: true,
    profile_complete: user_id !== "incomplete",
  })),
]);
const notices = new Map<string, { user_id: string; kind: string; message: string }>();
const fakeNotifications = fakeModule("notifications", [
  answer(Notify, async ({ source_id, user_id, kind, message }) => {
    if (!notices.has(`${source_id}:${user_id}`)) notices.set(`${source_id}:${user_id}`, { user_id, kind, message });
    return { notification_id: `n-${source_id}` };
  }),
]);

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });
const outline = {
  title: "Distributed Systems",
  description: "What only breaks once it is split.",
  sections: [
    {
      title: "Messages",
      lessons: [
        { title: "At least once", duration_seconds: 600 },
        { title: "Idempotency", duration_seconds: 900 },
      ],
    },
    { title: "Time", lessons: [{ title: "Clocks", duration_seconds: 300 }] },
  ],
};

describe("courses module on PGlite", () => {
  let system: InProcessSystem;
  let course: v.InferOutput<typeof CourseView>;
  beforeAll(async () => {
    system = await inProcess({ modules: [coursesModule, fakeUsers, fakeNotifications], calls: learningCalls, events: learningEvents });
    course = (await system.client.http.post("/api/v1/courses", outline, operator)).body;
  });
  afterAll(() => system.stop());

  const http = () => system.client.http;
  const enrol = (user: string, courseId = course.id) => http().request("PUT", `/api/v1/enrolments/${courseId}`, as(user));

  it("lets the operator write a course with its outline, which anyone reads in order", async () => {
    expect(v.is(CourseView, course)).toBe(true);
    expect(course).toMatchObject({ title: "Distributed Systems", lesson_count: 3 });
    expect(course.sections.map((s) => [s.position, s.title, s.lessons.map((l) => [l.position, l.title])])).toEqual([
      [
        1,
        "Messages",
        [
          [1, "At least once"],
          [2, "Idempotency"],
        ],
      ],
      [2, "Time", [[1, "Clocks"]]],
    ]);
    expect((await http().get(`/api/v1/courses/${course.id}`)).body).toEqual(course);
    const listed = await http().get("/api/v1/courses");
    expect(v.is(CourseList, listed.body)).toBe(true);
    expect(listed.body.courses.map((c: { id: string }) => c.id)).toContain(course.id);
    expect((await http().get("/api/v1/courses/no-such-course")).body.error.code).toBe("course_not_found");
  });

  it("refuses a course from anyone but the operator, and an empty outline", async () => {
    expect((await http().post("/api/v1/courses", outline)).status).toBe(401);
    const empty = await http().post("/api/v1/courses", { ...outline, sections: [] }, operator);
    expect([empty.status, empty.body.error.code]).toEqual([400, "validation_failed"]);
  });

  it("enrols a verified learner with a complete profile once: 201, then 200 with the same enrolment, one course.enrolled and one notice", async () => {
    await system.client.events.fromNow();
    const first = await enrol("ada");
    expect(first.status).toBe(201);
    expect(v.is(EnrolmentView, first.body)).toBe(true);
    expect(first.body).toMatchObject({ course_id: course.id, user_id: "ada", course_title: "Distributed Systems" });
    const again = await enrol("ada");
    expect([again.status, again.body]).toEqual([200, first.body]);
    const event = await system.client.events.expect("course.enrolled", (e) => (e.payload as { user_id: string }).user_id === "ada");
    expect(event.payload).toEqual({ user_id: "ada", course_id: course.id, course_title: "Distributed Systems", enrolled_at: first.body.enrolled_at });
    // Delivered again, the event tells nobody twice: the notice's source is the event.
    await http().post("/__twofold/redeliver", { event_id: event.id });
    await system.client.idle();
    expect(await system.client.events.all("course.enrolled", (e) => (e.payload as { user_id: string }).user_id === "ada")).toHaveLength(1);
    expect([...notices.values()].filter((n) => n.user_id === "ada")).toEqual([
      { user_id: "ada", kind: "course_enrolled", message: "You are enrolled in Distributed Systems." },
    ]);
    expect((await http().get("/api/v1/enrolments", as("ada"))).body).toEqual({ enrolments: [first.body] });
  });

  it("enrols two requests at once exactly once", async () => {
    const answers = await Promise.all([enrol("grace"), enrol("grace")]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await system.client.sql("courses", "select user_id from enrolments where user_id = 'grace'")).toHaveLength(1);
  });

  it("refuses an unverified email, an incomplete profile, an unknown course and no session", async () => {
    const refused = async (answer: Promise<{ status: number; body: { error?: { code: string } } }>) => {
      const { status, body } = await answer;
      return [status, body.error?.code];
    };
    expect(await refused(enrol("unverified"))).toEqual([403, "email_not_verified"]);
    expect(await refused(enrol("incomplete"))).toEqual([403, "profile_incomplete"]);
    expect(await refused(enrol("ada", "no-such-course"))).toEqual([404, "course_not_found"]);
    expect(await refused(http().request("PUT", `/api/v1/enrolments/${course.id}`))).toEqual([401, "unauthenticated"]);
    expect(await system.client.sql("courses", "select user_id from enrolments where user_id in ('unverified', 'incomplete')")).toEqual([]);
  });

  it("answers courses.lesson_access: the lesson's course, its size, and whether the user is enrolled", async () => {
    const lesson = course.sections[1]?.lessons[0]?.id as string;
    await enrol("linus");
    const ask = (user_id: string, lesson_id = lesson) => system.monolith.bus.call("progress", GetLessonAccess, { user_id, lesson_id });
    expect(await ask("linus")).toEqual({ lesson_id: lesson, course_id: course.id, course_lessons: 3, enrolled: true });
    expect(await ask("margaret")).toMatchObject({ enrolled: false });
    await expect(ask("linus", "no-such-lesson")).rejects.toMatchObject({ code: "lesson_not_found" });
  });

  it("answers courses.get: the course's title and size", async () => {
    const ask = (course_id: string) => system.monolith.bus.call("exams", GetCourse, { course_id });
    expect(await ask(course.id)).toEqual({ course_id: course.id, title: "Distributed Systems", lesson_count: 3 });
    await expect(ask("no-such-course")).rejects.toMatchObject({ code: "course_not_found" });
  });
});
