import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { FakeProviderBody, FakeProviderView, MessageBody, SessionView, StartSessionBody } from "../../contracts/tutor/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { endpoint, principal, requireOperator, requireSession, resource } from "../../runtime/module-api/index.ts";
import { exchange } from "./exchange.ts";
import { fakeMode, setFakeMode } from "./fake-provider.ts";
import { chosenProvider } from "./providers.ts";
import { completeSession, readSession, startSession } from "./sessions.ts";
import type { TutorContext } from "./settings.ts";

const SessionId = { id: Id };

/** A learner's own tutoring sessions; the fake provider's switch is the operator's, and exists only while the fake answers. */
export function tutorRoutes(ctx: TutorContext): Hono {
  const app = new Hono();
  const { provider, fake } = chosenProvider(ctx);
  app.use(
    "/tutor/sessions",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );
  app.use(
    "/tutor/sessions/*",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );

  resource(app, "/tutor/sessions", {
    POST: endpoint({
      summary: "Start a tutoring session of a lesson",
      description: "Only for a lesson of a course the learner is enrolled in.",
      body: StartSessionBody,
      responses: { 201: SessionView },
      errors: ["lesson_not_found", "not_enrolled"],
      handle: async (c, input) => c.json(await startSession(ctx, principal(c).user_id, (await input.body()).lesson_id), 201),
    }),
  });
  resource(app, "/tutor/sessions/:id", {
    GET: endpoint({
      summary: "Read a tutoring session",
      description: "With every turn so far; a learner's turn the model has not answered yet is `answered: false`.",
      params: SessionId,
      responses: { 200: SessionView },
      errors: ["tutor_session_not_found"],
      handle: async (c, input) => c.json(await readSession(ctx, principal(c).user_id, input.param("id")), 200),
    }),
  });
  resource(app, "/tutor/sessions/:id/messages", {
    POST: endpoint({
      summary: "Ask the tutor",
      description:
        "The message is kept first, then answered with everything unanswered so far. While the model is down (503 tutor_unavailable) or slow (504 tutor_timeout) the session stays open and the message is kept, answered by the next exchange.",
      params: SessionId,
      body: MessageBody,
      responses: { 201: SessionView },
      errors: ["tutor_session_not_found", "tutor_session_completed", "tutor_unavailable", "tutor_timeout"],
      handle: async (c, input) => c.json(await exchange(ctx, provider, principal(c).user_id, input.param("id"), (await input.body()).content), 201),
    }),
  });
  resource(app, "/tutor/sessions/:id/complete", {
    POST: endpoint({
      summary: "Complete a tutoring session",
      description: "Completes its lesson in the learner's progress, once, however often it is sent; needs no answer from the model.",
      params: SessionId,
      responses: { 200: SessionView },
      errors: ["tutor_session_not_found"],
      handle: async (c, input) => c.json(await completeSession(ctx, principal(c).user_id, input.param("id")), 200),
    }),
  });
  if (!fake) return app;

  app.use("/tutor/fake-provider", requireOperator(ctx));
  resource(app, "/tutor/fake-provider", {
    GET: endpoint({
      summary: "Read the fake model provider's mode",
      responses: { 200: FakeProviderView },
      handle: async (c) => c.json({ mode: await fakeMode(ctx) }, 200),
    }),
    PUT: endpoint({
      summary: "Degrade or restore the fake model provider",
      description: "`up` answers at once, `slow` after TUTOR_FAKE_SLOW_MS (past the session's timeout by default), `down` not at all.",
      body: FakeProviderBody,
      responses: { 200: FakeProviderView },
      handle: async (c, input) => {
        const { mode } = await input.body();
        await setFakeMode(ctx, mode);
        return c.json({ mode }, 200);
      },
    }),
  });
  return app;
}
