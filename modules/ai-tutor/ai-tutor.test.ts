import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { SessionView } from "../../contracts/tutor/api.ts";
import { fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { fakeCourses } from "../../harness/systems/learning/fakes.test-support.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { newId } from "../../runtime/module-api/index.ts";
import { tutorModule } from "./module.ts";

const fakeUsers = fakeSessions((token) => /^token-(.+)$/.exec(token)?.[1]);

describe("ai-tutor module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess(
      { modules: [tutorModule, fakeUsers, fakeCourses], calls: learningCalls, events: learningEvents },
      { TWOFOLD_TUTOR_REPLY_TIMEOUT_MS: "200" },
    );
  });
  afterAll(async () => {
    await mode("up");
    await system.stop();
  });

  const http = () => system.client.http;
  const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });
  const mode = (m: string) =>
    http().request("PUT", "/api/v1/tutor/fake-provider", { body: { mode: m }, headers: { "x-operator-key": DEVELOPMENT_OPERATOR_KEY } });
  const fresh = () => ({ user: `learner-${newId()}`, lesson: `course-${newId()}/1` });
  const start = async (user: string, lesson: string) => (await http().post("/api/v1/tutor/sessions", { lesson_id: lesson }, as(user))).body;
  const ask = (user: string, session: string, content: string) => http().post(`/api/v1/tutor/sessions/${session}/messages`, { content }, as(user));
  const complete = (user: string, session: string) => http().post(`/api/v1/tutor/sessions/${session}/complete`, undefined, as(user));
  const completions = (session: string) =>
    system.client.events.all("tutor.session_completed", (e) => (e.payload as { session_id: string }).session_id === session);

  it("answers the learner deterministically, and announces the completion once however often the session is completed", async () => {
    const { user, lesson } = fresh();
    const session = await start(user, lesson);
    expect(v.is(SessionView, session)).toBe(true);
    expect(session).toMatchObject({ user_id: user, lesson_id: lesson, status: "open", messages: [] });
    const asked = await ask(user, session.id, "Why is at-least-once enough?");
    expect(asked.status).toBe(201);
    expect(asked.body.messages.map((m: { role: string; answered: boolean }) => [m.role, m.answered])).toEqual([
      ["learner", true],
      ["tutor", true],
    ]);
    expect(asked.body.messages[1].content).toBe(`Turn 1 of lesson ${lesson}: let us work through "Why is at-least-once enough?" step by step.`);

    await system.client.events.fromNow();
    const answers = await Promise.all([complete(user, session.id), complete(user, session.id)]);
    expect(answers.map((c) => [c.status, c.body.status])).toEqual([
      [200, "completed"],
      [200, "completed"],
    ]);
    const again = await complete(user, session.id);
    expect(again.body.completed_at).toBe(answers[0]?.body.completed_at);
    await system.client.idle();
    expect((await completions(session.id)).map((e) => e.payload)).toEqual([
      { session_id: session.id, user_id: user, lesson_id: lesson, course_id: lesson.split("/")[0], completed_at: again.body.completed_at },
    ]);
    const late = await ask(user, session.id, "One more thing?");
    expect([late.status, late.body.error.code]).toEqual([409, "tutor_session_completed"]);
  });

  it("degrades while the provider is down or slow: a clear error, the session open and every turn kept, answered once it is back", async () => {
    const { user, lesson } = fresh();
    const session = await start(user, lesson);
    await mode("down");
    const down = await ask(user, session.id, "First question");
    expect([down.status, down.body.error.code]).toEqual([503, "tutor_unavailable"]);
    await mode("slow");
    const slow = await ask(user, session.id, "Second question");
    expect([slow.status, slow.body.error.code]).toEqual([504, "tutor_timeout"]);
    const kept = (await http().get(`/api/v1/tutor/sessions/${session.id}`, as(user))).body;
    expect(kept.status).toBe("open");
    expect(kept.messages.map((m: { content: string; answered: boolean }) => [m.content, m.answered])).toEqual([
      ["First question", false],
      ["Second question", false],
    ]);

    await mode("up");
    const back = await ask(user, session.id, "Third question");
    expect(back.body.messages.map((m: { role: string; answered: boolean }) => [m.role, m.answered])).toEqual([
      ["learner", true],
      ["learner", true],
      ["learner", true],
      ["tutor", true],
    ]);
    expect((await complete(user, session.id)).body.status).toBe("completed");
    await system.client.idle();
    expect(await completions(session.id)).toHaveLength(1);
  });

  it("completes a session while the provider is down: progress needs no model", async () => {
    const { user, lesson } = fresh();
    const session = await start(user, lesson);
    await mode("down");
    expect((await complete(user, session.id)).status).toBe(200);
    await mode("up");
    await system.client.idle();
    expect(await completions(session.id)).toHaveLength(1);
  });

  it("refuses a lesson the learner is not enrolled in, an unknown lesson, someone else's session, no session, and the switch without the key", async () => {
    const { user, lesson } = fresh();
    const outsider = await http().post("/api/v1/tutor/sessions", { lesson_id: lesson }, as("outsider"));
    expect([outsider.status, outsider.body.error.code]).toEqual([403, "not_enrolled"]);
    const unknown = await http().post("/api/v1/tutor/sessions", { lesson_id: "no-such-lesson" }, as(user));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "lesson_not_found"]);
    const session = await start(user, lesson);
    const theirs = await http().get(`/api/v1/tutor/sessions/${session.id}`, as("someone-else"));
    expect([theirs.status, theirs.body.error.code]).toEqual([404, "tutor_session_not_found"]);
    expect((await http().post("/api/v1/tutor/sessions", { lesson_id: lesson })).status).toBe(401);
    expect((await http().request("PUT", "/api/v1/tutor/fake-provider", { body: { mode: "down" } })).status).toBe(401);
  });
});
