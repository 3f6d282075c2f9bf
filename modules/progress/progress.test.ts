import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { CourseProgressView, LessonProgressView } from "../../contracts/progress/api.ts";
import { GetCourseCompletion } from "../../contracts/progress/calls.ts";
import { TutorSessionCompleted } from "../../contracts/tutor/events.ts";
import { fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { fakeCourses } from "../../harness/systems/learning/fakes.test-support.ts";
import { newId } from "../../runtime/module-api/index.ts";
import { progressModule } from "./module.ts";

const fakeUsers = fakeSessions((token) => /^token-(.+)$/.exec(token)?.[1]);

type Report = { version: number; position_seconds: number; completed: boolean };

describe("progress module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [progressModule, fakeUsers, fakeCourses], calls: learningCalls, events: learningEvents });
  });
  afterAll(() => system.stop());

  const report = (user: string, lesson: string, device: string, body: Report) =>
    system.client.http.request("PUT", `/api/v1/progress/lessons/${encodeURIComponent(lesson)}/devices/${device}`, {
      body,
      headers: { authorization: `Bearer token-${user}` },
    });
  const courseProgress = async (user: string, course: string) =>
    (await system.client.http.get(`/api/v1/progress/courses/${course}`, { headers: { authorization: `Bearer token-${user}` } })).body;
  const fresh = () => ({ user: `learner-${newId()}`, course: `course-${newId()}` });

  it("keeps both of two devices' reports written at once: the furthest position and the completion survive", async () => {
    const { user, course } = fresh();
    const lesson = `${course}/1`;
    // The laptop got further, the phone finished: last-writer-wins would keep one of the two and lose the other.
    const [laptop, phone] = await Promise.all([
      report(user, lesson, "laptop", { version: 1, position_seconds: 540, completed: false }),
      report(user, lesson, "phone", { version: 1, position_seconds: 120, completed: true }),
    ]);
    expect([laptop.status, phone.status]).toEqual([200, 200]);
    const merged = (await courseProgress(user, course)).lessons;
    expect(merged).toHaveLength(1);
    expect(v.is(LessonProgressView, merged[0])).toBe(true);
    expect(merged[0]).toMatchObject({ lesson_id: lesson, position_seconds: 540, completed: true, versions: { laptop: 1, phone: 1 } });
    // Each device is answered its own report, whoever else reported meanwhile.
    expect(laptop.body).toMatchObject({ device: "laptop", version: 1, position_seconds: 540, completed: false, completed_at: null });
    expect(phone.body).toMatchObject({ device: "phone", version: 1, position_seconds: 120, completed: true, completed_at: merged[0].completed_at });
  });

  it("merges the same reports to the same progress in any order, and a repeated or stale report changes nothing", async () => {
    const reports: [string, Report][] = [
      ["laptop", { version: 2, position_seconds: 300, completed: false }],
      ["phone", { version: 1, position_seconds: 450, completed: false }],
      ["laptop", { version: 1, position_seconds: 100, completed: true }],
    ];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const outcomes = [];
    for (const order of orders) {
      const { user, course } = fresh();
      for (const i of order) {
        const [device, body] = reports[i] as [string, Report];
        await report(user, `${course}/1`, device, body);
      }
      await report(user, `${course}/1`, "phone", { version: 1, position_seconds: 0, completed: false });
      const { lesson_id: _, course_id: __, completed_at: ___, ...state } = (await courseProgress(user, course)).lessons[0];
      outcomes.push(state);
    }
    expect(outcomes).toEqual(Array(orders.length).fill({ position_seconds: 450, completed: true, versions: { laptop: 2, phone: 1 } }));
  });

  it("announces a lesson's first completion once, and the course once when two devices complete its last lessons at once", async () => {
    const { user, course } = fresh();
    await system.client.events.fromNow();
    await Promise.all([
      report(user, `${course}/1`, "laptop", { version: 1, position_seconds: 600, completed: true }),
      report(user, `${course}/2`, "phone", { version: 1, position_seconds: 300, completed: true }),
      report(user, `${course}/2`, "tablet", { version: 1, position_seconds: 300, completed: true }),
    ]);
    await system.client.idle();
    const ofUser = (e: { payload: unknown }) => (e.payload as { user_id: string }).user_id === user;
    const lessons = await system.client.events.all("progress.lesson_completed", ofUser);
    expect(lessons.map((e) => (e.payload as { lesson_id: string }).lesson_id).sort()).toEqual([`${course}/1`, `${course}/2`]);
    const completed = await system.client.events.all("progress.course_completed", ofUser);
    expect(completed.map((e) => e.payload)).toEqual([{ user_id: user, course_id: course, completed_at: expect.any(String) }]);
    const progress = await courseProgress(user, course);
    expect(v.is(CourseProgressView, progress)).toBe(true);
    expect(progress).toMatchObject({ course_id: course, completed_lessons: 2, completed_at: expect.any(String) });
    // What exams asks before a learner starts the course's exam.
    expect(await system.monolith.bus.call("exams", GetCourseCompletion, { user_id: user, course_id: course })).toEqual({
      user_id: user,
      course_id: course,
      completed_lessons: 2,
      completed: true,
      completed_at: progress.completed_at,
    });
  });

  it("answers progress.course_completion: not completed while a lesson is left, or when nothing was reported", async () => {
    const { user, course } = fresh();
    const ask = () => system.monolith.bus.call("exams", GetCourseCompletion, { user_id: user, course_id: course });
    expect(await ask()).toEqual({ user_id: user, course_id: course, completed_lessons: 0, completed: false, completed_at: null });
    await report(user, `${course}/1`, "laptop", { version: 1, position_seconds: 600, completed: true });
    expect(await ask()).toEqual({ user_id: user, course_id: course, completed_lessons: 1, completed: false, completed_at: null });
  });

  it("refuses a lesson of a course the learner is not enrolled in, an unknown lesson and no session, and stores nothing", async () => {
    const { course } = fresh();
    const body = { version: 1, position_seconds: 10, completed: false };
    const outsider = await report("outsider", `${course}/1`, "laptop", body);
    expect([outsider.status, outsider.body.error.code]).toEqual([403, "not_enrolled"]);
    const unknown = await report("ada", "no-such-lesson", "laptop", body);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "lesson_not_found"]);
    const anonymous = await system.client.http.request("PUT", `/api/v1/progress/lessons/${course}%2F1/devices/laptop`, { body });
    expect(anonymous.status).toBe(401);
    const bad = await report("ada", `${course}/1`, "laptop", { version: 0, position_seconds: -1, completed: false });
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["position_seconds", "version"]);
    expect(await system.client.sql("progress", "select user_id from device_reports where course_id = ?", [course])).toEqual([]);
  });

  it("completes a lesson from a completed AI tutoring session once, however often and however concurrently it is delivered", async () => {
    const { user, course } = fresh();
    const lesson = `${course}/1`;
    const completed = (lesson_id: string) =>
      system.monolith.bus.event("ai-tutor", TutorSessionCompleted, {
        session_id: newId(),
        user_id: user,
        lesson_id,
        course_id: course,
        completed_at: new Date().toISOString(),
      });
    await system.client.events.fromNow();
    const envelope = completed(lesson);
    await Promise.all([system.monolith.bus.dispatch(envelope), system.monolith.bus.dispatch(envelope)]);
    await system.monolith.bus.dispatch(envelope);
    // A session of a lesson courses does not know (any more) has nothing to record, and is not a failed delivery.
    await system.monolith.bus.dispatch(completed("no-such-lesson"));
    await system.client.idle();
    expect((await courseProgress(user, course)).lessons).toMatchObject([{ lesson_id: lesson, completed: true, versions: { "ai-tutor": 1 } }]);
    const ofUser = (e: { payload: unknown }) => (e.payload as { user_id: string }).user_id === user;
    expect(await system.client.events.all("progress.lesson_completed", ofUser)).toHaveLength(1);
    expect(await system.client.sql("progress", "select device from device_reports where user_id = ?", [user])).toEqual([{ device: "ai-tutor" }]);
    expect(await system.client.sql("progress", "select message_id from inbox where message_id = ?", [envelope.id])).toHaveLength(1);
  });
});
