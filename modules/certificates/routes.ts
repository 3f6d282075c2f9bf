import { Hono } from "hono";
import { CertificateList, CertificateVerification, VerificationCode } from "../../contracts/certificates/api.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { AppError, endpoint, type ModuleContext, principal, requireSession, resource } from "../../runtime/module-api/index.ts";
import { Certificate } from "./entities.ts";
import { toCertificateView, toVerification } from "./views.ts";

/** A learner's own certificates, and anyone's verification of one by its code. */
export function certificatesRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use(
    "/certificates",
    requireSession((token) => ctx.call(Authenticate, { token })),
  );

  resource(app, "/certificates", {
    GET: endpoint({
      summary: "List my certificates",
      description: "One per course whose exam I passed, oldest first.",
      responses: { 200: CertificateList },
      handle: async (c) => {
        const rows = await ctx.db.em().find(Certificate, { userId: principal(c).user_id }, { orderBy: { issuedAt: "asc", id: "asc" } });
        return c.json({ certificates: rows.map(toCertificateView) }, 200);
      },
    }),
  });
  resource(app, "/certificates/verify/:code", {
    GET: endpoint({
      summary: "Verify a certificate",
      description: "Public, no session: whose certificate the code is, of which course, issued when.",
      params: { code: VerificationCode },
      responses: { 200: CertificateVerification },
      errors: ["certificate_not_found"],
      handle: async (c, input) => {
        const found = await ctx.db.em().findOne(Certificate, { code: input.param("code") });
        if (!found) throw new AppError("certificate_not_found", "no certificate has this code");
        return c.json(toVerification(toCertificateView(found)), 200);
      },
    }),
  });
  return app;
}
