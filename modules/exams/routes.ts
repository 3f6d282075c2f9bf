import { Hono } from "hono";
import { AnswerBody, AnswerView, CreateExamBody, ExamView, SessionView } from "../../contracts/exams/api.ts";
import { Id } from "../../contracts/ids.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { endpoint, type ModuleContext, principal, requireOperator, requireSession, resource } from "../../runtime/module-api/index.ts";
import { createExam, readExam } from "./authoring.ts";
import { readSession, recordAnswer, startSession, submitSession } from "./sessions.ts";

/** Exams are written by the operator and read by anyone; sessions are the session's user's own. */
export function examsRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.on("POST", "/exams", requireOperator(ctx));
  const signedIn = requireSession((token) => ctx.call(Authenticate, { token }));
  app.use("/exams/:id/sessions", signedIn);
  app.use("/exams/sessions/*", signedIn);

  resource(app, "/exams", {
    POST: endpoint({
      summary: "Create a course's exam",
      description:
        "One per course: its questions in order, each with its choices and the index of the right one, a pass mark in percent and a time limit.",
      body: CreateExamBody,
      responses: { 201: ExamView },
      errors: ["course_not_found", "exam_exists"],
      handle: async (c, input) => c.json(await createExam(ctx, await input.body()), 201),
    }),
  });
  resource(app, "/exams/:id", {
    GET: endpoint({
      summary: "Read an exam",
      description: "Its questions and choices, never the answers.",
      params: { id: Id },
      responses: { 200: ExamView },
      errors: ["exam_not_found"],
      handle: async (c, input) => c.json(await readExam(ctx, input.param("id")), 200),
    }),
  });
  resource(app, "/exams/:id/sessions", {
    POST: endpoint({
      summary: "Start (or resume) my session of an exam",
      description:
        "Needs every lesson of the course completed. 201 a new timed session; 200 the open one there is (resuming it, answers so far included), graded if its time ran out.",
      params: { id: Id },
      responses: { 200: SessionView, 201: SessionView },
      errors: ["exam_not_found", "course_not_completed", "exam_already_passed"],
      handle: async (c, input) => {
        const { session, created } = await startSession(ctx, principal(c).user_id, input.param("id"));
        return created ? c.json(session, 201) : c.json(session, 200);
      },
    }),
  });
  resource(app, "/exams/sessions/:session_id", {
    GET: endpoint({
      summary: "Read my exam session",
      description: "Its questions, the answers so far and, once graded (submitted or timed out), its grade.",
      params: { session_id: Id },
      responses: { 200: SessionView },
      errors: ["exam_session_not_found"],
      handle: async (c, input) => c.json(await readSession(ctx, principal(c).user_id, input.param("session_id")), 200),
    }),
  });
  resource(app, "/exams/sessions/:session_id/answers/:question_id", {
    PUT: endpoint({
      summary: "Answer a question",
      description:
        "Idempotent: the same choice again changes nothing; another replaces it while the session is open. Refused once its time is up or it was submitted.",
      params: { session_id: Id, question_id: Id },
      body: AnswerBody,
      responses: { 200: AnswerView },
      errors: ["exam_session_not_found", "question_not_found", "invalid_choice", "exam_time_up", "exam_session_graded"],
      handle: async (c, input) => {
        const { choice } = await input.body();
        return c.json(await recordAnswer(ctx, principal(c).user_id, input.param("session_id"), input.param("question_id"), choice), 200);
      },
    }),
  });
  resource(app, "/exams/sessions/:session_id/submit", {
    POST: endpoint({
      summary: "Submit my session for grading",
      description: "Grades it once with its answers; submitting a graded session answers its grade.",
      params: { session_id: Id },
      responses: { 200: SessionView },
      errors: ["exam_session_not_found"],
      handle: async (c, input) => c.json(await submitSession(ctx, principal(c).user_id, input.param("session_id")), 200),
    }),
  });
  return app;
}
