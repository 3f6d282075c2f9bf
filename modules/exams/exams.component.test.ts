import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { examsModule } from "./module.ts";

/** What the stubs generated from exams' consumer contract know: one learner's session, a course, and that they completed it. */
const learner = "u-ct-exams-learner";
const course = "c-ct-exams";
const customer = { headers: { authorization: "Bearer tok-ct-exams" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-exams-unknown" } };
const operator = { headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } };

/** Exams alone, on its real database; users, courses and progress are stubs generated from its consumer contract. */
describe("exams as a component", () => {
  let exams: Component;
  const http = () => exams.client.http;
  beforeAll(async () => {
    exams = await startComponent(examsModule);
  });
  afterAll(() => exams.stop());

  it("writes an exam for the course courses knows, under its title, and refuses one for a course it does not", async () => {
    const questions = [{ text: "Who reads a contract?", choices: ["Its consumer", "Nobody"], answer: 0 }];
    const created = await http().post("/api/v1/exams", { course_id: course, pass_mark: 100, time_limit_seconds: 60, questions }, operator);
    expect([created.status, created.body.course_title]).toEqual([201, "Contract Testing 101"]);
    const unknown = await http().post(
      "/api/v1/exams",
      { course_id: "c-ct-exams-nowhere", pass_mark: 100, time_limit_seconds: 60, questions },
      operator,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "course_not_found"]);

    await exams.client.events.fromNow();
    const started = await http().post(`/api/v1/exams/${created.body.id}/sessions`, {}, customer);
    expect([started.status, started.body.user_id]).toEqual([201, learner]);
    const question = started.body.questions[0].id;
    await http().request("PUT", `/api/v1/exams/sessions/${started.body.id}/answers/${question}`, { body: { choice: 0 }, ...customer });
    const submitted = await http().post(`/api/v1/exams/sessions/${started.body.id}/submit`, {}, customer);
    expect(submitted.body).toMatchObject({ status: "graded", score: 1, passed: true });
    const passed = await exams.client.events.expect("exam.passed");
    expect(passed.payload).toMatchObject({ user_id: learner, course_id: course, course_title: "Contract Testing 101", score: 1 });
  });

  it("answers 401 to a session start with a token the users stub does not know", async () => {
    const refused = await http().post("/api/v1/exams/any-exam/sessions", {}, signedOut);
    expect([refused.status, refused.body.error.code]).toEqual([401, "unauthenticated"]);
  });
});
