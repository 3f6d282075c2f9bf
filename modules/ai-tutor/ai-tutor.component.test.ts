import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { clock } from "../../runtime/clock.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { tutorModule } from "./module.ts";

/** What the stubs generated from ai-tutor's consumer contract know: one learner, a lesson they may study, one they may not, one that is not. */
const learner = "u-ct-tutor-learner";
const lesson = "l-ct-tutor";
const learnerAuth = { headers: { authorization: "Bearer tok-ct-tutor" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-tutor-unknown" } };
const operator = { "x-operator-key": DEVELOPMENT_OPERATOR_KEY };

interface Turn {
  readonly role: string;
  readonly content: string;
  readonly answered: boolean;
}

/** ai-tutor alone, on its real database; users and courses are stubs generated from its consumer contract. */
describe("ai-tutor as a component", () => {
  let tutor: Component;
  const http = () => tutor.client.http;
  const mode = (m: "up" | "slow" | "down") => http().request("PUT", "/api/v1/tutor/fake-provider", { body: { mode: m }, headers: operator });
  const start = async () => {
    const started = await http().post("/api/v1/tutor/sessions", { lesson_id: lesson }, learnerAuth);
    expect([started.status, started.body.status]).toEqual([201, "open"]);
    return started.body.id as string;
  };
  const ask = (session: string, content: string) => http().post(`/api/v1/tutor/sessions/${session}/messages`, { content }, learnerAuth);
  const complete = (session: string) => http().post(`/api/v1/tutor/sessions/${session}/complete`, undefined, learnerAuth);
  const turns = async (session: string): Promise<[string, boolean][]> =>
    (await http().get(`/api/v1/tutor/sessions/${session}`, learnerAuth)).body.messages.map((t: Turn) => [t.content, t.answered]);
  const completions = (session: string) =>
    tutor.client.events.all("tutor.session_completed", (e) => (e.payload as { session_id: string }).session_id === session);

  beforeAll(async () => {
    tutor = await startComponent(tutorModule);
  });
  afterEach(async () => {
    clock.release();
    await mode("up");
  });
  afterAll(() => tutor.stop());

  it("completes a session of the course courses knows once, however often the completion is sent, announcing it once for progress", async () => {
    const session = await start();
    const asked = await ask(session, "What does a stub know?");
    expect(asked.status).toBe(201);
    expect(asked.body.messages.map((t: Turn) => t.role)).toEqual(["learner", "tutor"]);

    const sent = await Promise.all([complete(session), complete(session)]);
    expect(sent.map((c) => [c.status, c.body.status])).toEqual([
      [200, "completed"],
      [200, "completed"],
    ]);
    const again = await complete(session);
    expect([again.status, again.body.completed_at]).toEqual([200, sent[0]?.body.completed_at]);
    await tutor.client.idle();
    expect((await completions(session)).map((e) => e.payload)).toEqual([
      { session_id: session, user_id: learner, lesson_id: lesson, course_id: "c-ct-tutor", completed_at: again.body.completed_at },
    ]);
    const late = await ask(session, "One more?");
    expect([late.status, late.body.error.code]).toEqual([409, "tutor_session_completed"]);
  });

  it("answers 503 tutor_unavailable while the provider is down, keeping the turn, and answers it once the provider is back", async () => {
    const session = await start();
    await mode("down");
    const down = await ask(session, "Is anyone there?");
    expect([down.status, down.body.error.code]).toEqual([503, "tutor_unavailable"]);
    expect(await turns(session)).toEqual([["Is anyone there?", false]]);

    await mode("up");
    const back = await ask(session, "And now?");
    expect(back.body.messages.map((t: Turn) => [t.role, t.answered])).toEqual([
      ["learner", true],
      ["learner", true],
      ["tutor", true],
    ]);
  });

  it("answers 504 tutor_timeout when the provider is slower than the session's timeout on the clock, keeping the turn", async () => {
    const session = await start();
    await mode("slow");
    clock.freeze();
    const slow = ask(session, "Take your time?");
    let settled = false;
    void slow.then(() => {
      settled = true;
    });
    // Each step moves the frozen clock by less than the slow fake's 30 s, so only the 10 s reply timeout can end the wait.
    await eventually(() => {
      clock.advance(10_000);
      expect(settled).toBe(true);
    });
    const answered = await slow;
    expect([answered.status, answered.body.error.code]).toEqual([504, "tutor_timeout"]);
    expect(await turns(session)).toEqual([["Take your time?", false]]);
    expect((await http().get(`/api/v1/tutor/sessions/${session}`, learnerAuth)).body.status).toBe("open");
  });

  it("completes a session while the provider is down: the lesson's progress needs no model", async () => {
    const session = await start();
    await mode("down");
    const done = await complete(session);
    expect([done.status, done.body.status]).toEqual([200, "completed"]);
    await tutor.client.idle();
    expect(await completions(session)).toHaveLength(1);
  });

  it("refuses with the contract's envelopes: a lesson not enrolled in, a lesson that is not, an unknown token, an unknown session", async () => {
    const other = await http().post("/api/v1/tutor/sessions", { lesson_id: "l-ct-tutor-other" }, learnerAuth);
    expect([other.status, other.body.error.code]).toEqual([403, "not_enrolled"]);
    const nowhere = await http().post("/api/v1/tutor/sessions", { lesson_id: "l-ct-tutor-nowhere" }, learnerAuth);
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, "lesson_not_found"]);
    const unknown = await http().post("/api/v1/tutor/sessions", { lesson_id: lesson }, signedOut);
    expect([unknown.status, unknown.body.error.code]).toEqual([401, "unauthenticated"]);
    const missing = await complete("no-such-session");
    expect([missing.status, missing.body.error.code]).toEqual([404, "tutor_session_not_found"]);
  });
});
