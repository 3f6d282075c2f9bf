import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { GetCourse } from "../../contracts/courses/calls.ts";
import { ExamView, SessionView } from "../../contracts/exams/api.ts";
import { GetCourseCompletion } from "../../contracts/progress/calls.ts";
import { fakeModule, fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { AppError, answer, newId } from "../../runtime/module-api/index.ts";
import { examsModule } from "./module.ts";

/** Courses as exams sees it: any course id but `no-such-course` exists, titled after its id. */
const fakeCourses = fakeModule("courses", [
  answer(GetCourse, async ({ course_id }) => {
    if (course_id === "no-such-course") throw new AppError("course_not_found", "no such course");
    return { course_id, title: `Course ${course_id}`, lesson_count: 2 };
  }),
]);
/** Progress as exams sees it: every learner completed every course but those named `beginner-...`. */
const fakeProgress = fakeModule("progress", [
  answer(GetCourseCompletion, async ({ user_id, course_id }) => {
    const completed = !user_id.startsWith("beginner");
    return { user_id, course_id, completed_lessons: completed ? 2 : 0, completed, completed_at: completed ? new Date().toISOString() : null };
  }),
]);
const fakeUsers = fakeSessions((token) => /^token-(.+)$/.exec(token)?.[1]);

const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };
const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });
const questions = [
  { text: "How often is an event delivered?", choices: ["At most once", "At least once", "Exactly once"], answer: 1 },
  { text: "What makes a redelivery harmless?", choices: ["An inbox", "Hope"], answer: 0 },
];

type Session = v.InferOutput<typeof SessionView>;

describe("exams module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [examsModule, fakeUsers, fakeCourses, fakeProgress], calls: learningCalls, events: learningEvents });
  });
  afterAll(async () => {
    await system.client.clock({ release: true });
    await system.stop();
  });

  const http = () => system.client.http;
  /** A course of its own with an exam: 60 s to answer, both answers right to pass unless a pass mark is given. */
  const newExam = async (overrides: Record<string, unknown> = {}) => {
    const created = await http().post(
      "/api/v1/exams",
      { course_id: `c-${newId()}`, pass_mark: 100, time_limit_seconds: 60, questions, ...overrides },
      operator,
    );
    expect(created.status).toBe(201);
    return created.body as v.InferOutput<typeof ExamView>;
  };
  const start = (user: string, examId: string) => http().post(`/api/v1/exams/${examId}/sessions`, {}, as(user));
  const reply = (user: string, session: Session, i: number, choice: number) =>
    http().request("PUT", `/api/v1/exams/sessions/${session.id}/answers/${session.questions[i]?.id}`, { body: { choice }, ...as(user) });
  const submit = (user: string, session: Session) => http().post(`/api/v1/exams/sessions/${session.id}/submit`, {}, as(user));
  const read = async (user: string, session: Session) => (await http().get(`/api/v1/exams/sessions/${session.id}`, as(user))).body as Session;
  const graded = async (type: "exam.passed" | "exam.failed", session: Session) =>
    system.client.events.all(type, (e) => (e.payload as { session_id: string }).session_id === session.id);

  it("lets the operator write one exam per course, which anyone reads without its answers", async () => {
    const exam = await newExam({ course_id: "c-systems" });
    expect(v.is(ExamView, exam)).toBe(true);
    expect(exam).toMatchObject({ course_id: "c-systems", course_title: "Course c-systems", title: "Course c-systems: final exam", pass_mark: 100 });
    expect(exam.questions.map((q) => [q.position, q.choices.length])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(JSON.stringify(exam)).not.toContain('"answer"');
    expect((await http().get(`/api/v1/exams/${exam.id}`)).body).toEqual(exam);
    const twice = await http().post("/api/v1/exams", { course_id: "c-systems", pass_mark: 50, time_limit_seconds: 60, questions }, operator);
    expect([twice.status, twice.body.error.code]).toEqual([409, "exam_exists"]);
  });

  it("refuses an exam from anyone but the operator, for an unknown course, or with an answer that is no choice", async () => {
    const body = { course_id: "c-refused", pass_mark: 50, time_limit_seconds: 60, questions };
    expect((await http().post("/api/v1/exams", body)).status).toBe(401);
    const unknown = await http().post("/api/v1/exams", { ...body, course_id: "no-such-course" }, operator);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "course_not_found"]);
    const bad = await http().post("/api/v1/exams", { ...body, questions: [{ text: "?", choices: ["a", "b"], answer: 2 }] }, operator);
    expect([bad.status, bad.body.error.details.map((d: { path: string }) => d.path)]).toEqual([400, ["questions.0.answer"]]);
    expect(await system.client.sql("exams", "select id from exams where course_id in ('c-refused', 'no-such-course')")).toEqual([]);
  });

  it("starts a session only for a learner who completed the course, and gives a learner who comes back their open one", async () => {
    const exam = await newExam();
    const beginner = await start("beginner-bob", exam.id);
    expect([beginner.status, beginner.body.error.code]).toEqual([403, "course_not_completed"]);
    const first = await start("ada", exam.id);
    expect(first.status).toBe(201);
    expect(v.is(SessionView, first.body)).toBe(true);
    const session = first.body as Session;
    expect(session).toMatchObject({ status: "open", answers: [], score: null, passed: null, graded_at: null });
    expect(Date.parse(session.deadline) - Date.parse(session.started_at)).toBe(60_000);
    expect((await reply("ada", session, 0, 1)).status).toBe(200);
    const resumed = await start("ada", exam.id);
    expect([resumed.status, resumed.body.id]).toEqual([200, session.id]);
    expect(resumed.body.answers.map((a: { choice: number }) => a.choice)).toEqual([1]);
    expect((await http().get(`/api/v1/exams/sessions/${session.id}`, as("grace"))).body.error.code).toBe("exam_session_not_found");
  });

  it("starts one session when two starts race", async () => {
    const exam = await newExam();
    const answers = await Promise.all([start("linus", exam.id), start("linus", exam.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });

  it("keeps one answer per question: the same one again is a no-op, another replaces it, a wrong question or choice is refused", async () => {
    const exam = await newExam();
    const session = (await start("margaret", exam.id)).body as Session;
    const first = await reply("margaret", session, 0, 2);
    expect(first.body).toMatchObject({ session_id: session.id, question_id: session.questions[0]?.id, choice: 2 });
    expect((await reply("margaret", session, 0, 2)).body).toEqual(first.body);
    expect((await reply("margaret", session, 0, 1)).body.choice).toBe(1);
    const invalid = await reply("margaret", session, 1, 2);
    expect([invalid.status, invalid.body.error.code]).toEqual([422, "invalid_choice"]);
    const elsewhere = await http().request("PUT", `/api/v1/exams/sessions/${session.id}/answers/no-such-question`, {
      body: { choice: 0 },
      ...as("margaret"),
    });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, "question_not_found"]);
    expect((await read("margaret", session)).answers.map((a) => [a.question_id, a.choice])).toEqual([[session.questions[0]?.id, 1]]);
  });

  it("grades a submitted session once: exam.passed once, the same grade on a second submit, no answers after, no second pass", async () => {
    const exam = await newExam();
    await system.client.events.fromNow();
    const session = (await start("barbara", exam.id)).body as Session;
    await reply("barbara", session, 0, 1);
    await reply("barbara", session, 1, 0);
    const submitted = await submit("barbara", session);
    expect(submitted.body).toMatchObject({ status: "graded", graded_by: "submit", score: 2, passed: true });
    expect((await submit("barbara", session)).body).toEqual(submitted.body);
    const late = await reply("barbara", session, 1, 1);
    expect([late.status, late.body.error.code]).toEqual([409, "exam_session_graded"]);
    const again = await start("barbara", exam.id);
    expect([again.status, again.body.error.code]).toEqual([409, "exam_already_passed"]);
    await system.client.idle();
    const passed = await graded("exam.passed", session);
    expect(passed.map((e) => e.payload)).toEqual([
      {
        user_id: "barbara",
        exam_id: exam.id,
        session_id: session.id,
        course_id: exam.course_id,
        course_title: exam.course_title,
        score: 2,
        question_count: 2,
        pass_mark: 100,
        graded_at: submitted.body.graded_at,
      },
    ]);
    expect(await graded("exam.failed", session)).toEqual([]);
  });

  it("times out at its deadline on the runtime's clock: an answer after it is refused, the answers so far are graded once", async () => {
    const exam = await newExam();
    await system.client.events.fromNow();
    await system.client.clock({ freeze: true });
    try {
      const session = (await start("frances", exam.id)).body as Session;
      await reply("frances", session, 0, 1);
      await system.client.clock({ advance_ms: 60_000 });
      const late = await reply("frances", session, 1, 0);
      expect([late.status, late.body.error.code, late.body.error.details]).toEqual([409, "exam_time_up", { deadline: session.deadline }]);
      await system.client.idle();
      expect(await read("frances", session)).toMatchObject({
        status: "graded",
        graded_by: "timeout",
        score: 1,
        passed: false,
        answers: [{ choice: 1 }],
      });
      expect((await submit("frances", session)).body.graded_by).toBe("timeout");
      expect(await graded("exam.failed", session)).toHaveLength(1);
      // A failed exam may be taken again: a new session.
      const retake = await start("frances", exam.id);
      expect(retake.status).toBe(201);
      expect(retake.body.id).not.toBe(session.id);
    } finally {
      await system.client.clock({ release: true });
    }
  });

  it("grades a session whose time ran out before the sweep got to it when its learner comes back to start again", async () => {
    const exam = await newExam({ pass_mark: 50 });
    await system.client.clock({ freeze: true });
    try {
      const session = (await start("hedy", exam.id)).body as Session;
      await reply("hedy", session, 1, 0);
      await system.client.clock({ advance_ms: 61_000 });
      // The sweep may or may not have run by now: either way the learner finds this session graded once.
      const back = await start("hedy", exam.id);
      expect([back.status, back.body.id, back.body.status, back.body.graded_by, back.body.passed]).toEqual([
        200,
        session.id,
        "graded",
        "timeout",
        true,
      ]);
      await system.client.idle();
      expect(await graded("exam.passed", session)).toHaveLength(1);
    } finally {
      await system.client.clock({ release: true });
    }
  });
});
