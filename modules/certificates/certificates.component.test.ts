import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import { certificatesConsumes } from "./consumes.ts";
import { certificatesModule } from "./module.ts";

/** What the stubs generated from certificates' consumer contract know: one learner's session and name. */
const learner = "u-ct-certificates-learner";
const customer = { headers: { authorization: "Bearer tok-ct-certificates" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-certificates-unknown" } };

/** Certificates alone, on its real database; users and notifications are stubs generated from its consumer contract. */
describe("certificates as a component", () => {
  let certificates: Component;
  beforeAll(async () => {
    // The notice carries the certificate's own id and random code, and the event it follows as its source.
    certificates = await startComponent(certificatesModule, { ignore: { "notifications.notify": ["message", "data", "source_id"] } });
  });
  afterAll(() => certificates.stop());

  it("issues one certificate under the name users gives for the exam.passed its contract describes, however often delivered", async () => {
    const passed = eventUse(certificatesConsumes, "exam.passed");
    const [interaction] = passed.interactions;
    if (!interaction) throw new Error("no exam.passed interaction");
    const envelope = await deliver(certificates, passed, interaction);
    await redeliver(certificates, envelope);
    const mine = await certificates.client.http.get("/api/v1/certificates", customer);
    expect(mine.status).toBe(200);
    expect(mine.body.certificates).toHaveLength(1);
    expect(mine.body.certificates[0]).toMatchObject({ user_id: learner, learner_name: "Grace Hopper", course_id: "c-ct-certificates" });
    const verified = await certificates.client.http.get(`/api/v1/certificates/verify/${mine.body.certificates[0].code}`);
    expect(verified.body).toMatchObject({ learner_name: "Grace Hopper", course_title: "Contract Testing 101" });
    expect(await certificates.client.events.all("certificate.issued")).toHaveLength(1);
    // The learner was told: the notice went through the notifications stub, so nothing was left undelivered.
    expect((await certificates.client.http.get("/__twofold/dead-letters")).body.dead_letters).toEqual([]);
  });

  it("answers 401 to a list with a token the users stub does not know", async () => {
    const refused = await certificates.client.http.get("/api/v1/certificates", signedOut);
    expect([refused.status, refused.body.error.code]).toEqual([401, "unauthenticated"]);
  });
});
