import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { CertificateList, CertificateVerification } from "../../contracts/certificates/api.ts";
import { ExamPassed } from "../../contracts/exams/events.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { Authenticate, GetUser } from "../../contracts/users/calls.ts";
import { fakeModule } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { AppError, answer, newId } from "../../runtime/module-api/index.ts";
import { certificatesModule } from "./module.ts";

/** Users as certificates sees them: sessions `token-<user>`, each named `Learner <user>`; `ghost` is unknown. */
const fakeUsers = fakeModule("users", [
  answer(Authenticate, async ({ token }) => {
    const user = /^token-(.+)$/.exec(token)?.[1];
    if (!user) throw new AppError("unauthenticated", "unknown session");
    return { user_id: user, session_id: `session-${user}`, email_verified: true };
  }),
  answer(GetUser, async ({ user_id }) => {
    if (user_id.startsWith("ghost")) throw new AppError("user_not_found", "no such user");
    return { id: user_id, name: `Learner ${user_id}`, email: `${user_id}@example.com`, email_verified: true, profile_complete: true };
  }),
]);
const notices = new Map<string, { user_id: string; kind: string; data: Record<string, string> }>();
const fakeNotifications = fakeModule("notifications", [
  answer(Notify, async ({ source_id, user_id, kind, data }) => {
    if (!notices.has(`${source_id}:${user_id}`)) notices.set(`${source_id}:${user_id}`, { user_id, kind, data });
    return { notification_id: `n-${source_id}` };
  }),
]);
/** Exams publishes exam.passed; the test publishes it as exams would. */
const fakeExams = fakeModule("exams", [], [ExamPassed]);

const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });

describe("certificates module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({
      modules: [certificatesModule, fakeUsers, fakeNotifications, fakeExams],
      calls: learningCalls,
      events: learningEvents,
    });
  });
  afterAll(() => system.stop());

  const http = () => system.client.http;
  const pass = async (user: string, course: string) => {
    const payload = {
      user_id: user,
      exam_id: `x-${course}`,
      session_id: `s-${newId()}`,
      course_id: course,
      course_title: `Course ${course}`,
      score: 2,
      question_count: 2,
      pass_mark: 100,
      graded_at: new Date().toISOString(),
    };
    await system.monolith.bus.dispatch(system.monolith.bus.event("exams", ExamPassed, payload));
    await system.client.idle();
  };
  const mine = async (user: string) => (await http().get("/api/v1/certificates", as(user))).body;
  const issuedTo = (user: string) => system.client.events.all("certificate.issued", (e) => (e.payload as { user_id: string }).user_id === user);

  it("issues one certificate for a pass, verifiable by anyone with its code, and tells the learner once", async () => {
    await system.client.events.fromNow();
    await pass("ada", "c-systems");
    const listed = await mine("ada");
    expect(v.is(CertificateList, listed)).toBe(true);
    expect(listed.certificates).toHaveLength(1);
    const [certificate] = listed.certificates;
    expect(certificate).toMatchObject({ user_id: "ada", learner_name: "Learner ada", course_id: "c-systems", course_title: "Course c-systems" });
    expect(certificate.code).toMatch(/^CERT-[0-9A-Z]{12}$/);
    const verified = await http().get(`/api/v1/certificates/verify/${certificate.code.toLowerCase()}`);
    expect(verified.status).toBe(200);
    expect(v.is(CertificateVerification, verified.body)).toBe(true);
    expect(verified.body).toEqual({
      code: certificate.code,
      learner_name: "Learner ada",
      course_id: "c-systems",
      course_title: "Course c-systems",
      issued_at: certificate.issued_at,
    });
    const issued = await issuedTo("ada");
    expect(issued.map((e) => e.payload)).toEqual([
      {
        certificate_id: certificate.id,
        user_id: "ada",
        course_id: "c-systems",
        course_title: "Course c-systems",
        code: certificate.code,
        issued_at: certificate.issued_at,
      },
    ]);
    expect([...notices.values()].filter((n) => n.user_id === "ada")).toEqual([
      { user_id: "ada", kind: "certificate_issued", data: { certificate_id: certificate.id, course_id: "c-systems", code: certificate.code } },
    ]);
  });

  it("keeps one certificate per learner and course when a pass is delivered again or two passes race", async () => {
    await system.client.events.fromNow();
    await pass("grace", "c-compilers");
    const [event] = await system.client.events.all("exam.passed", (e) => (e.payload as { user_id: string }).user_id === "grace");
    await http().post("/__twofold/redeliver", { event_id: event?.id });
    await Promise.all([pass("grace", "c-compilers"), pass("grace", "c-compilers")]);
    await pass("grace", "c-networks");
    expect((await mine("grace")).certificates.map((c: { course_id: string }) => c.course_id)).toEqual(["c-compilers", "c-networks"]);
    expect(await system.client.sql("certificates", "select id from certificates where user_id = 'grace' and course_id = 'c-compilers'")).toHaveLength(
      1,
    );
    expect(await issuedTo("grace")).toHaveLength(2);
    expect([...notices.values()].filter((n) => n.user_id === "grace")).toHaveLength(2);
  });

  it("issues nothing for a learner users does not know, and answers an unknown or malformed code, and a list without a session, with errors", async () => {
    await pass("ghost-1", "c-systems");
    expect(await system.client.sql("certificates", "select id from certificates where user_id = 'ghost-1'")).toEqual([]);
    const unknown = await http().get("/api/v1/certificates/verify/CERT-000000000000");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "certificate_not_found"]);
    expect((await http().get("/api/v1/certificates/verify/nonsense")).status).toBe(400);
    expect((await http().get("/api/v1/certificates")).status).toBe(401);
  });
});
