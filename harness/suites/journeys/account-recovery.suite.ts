import assert from "node:assert/strict";
import { check, defineSuite } from "../../suite.ts";
import { awaitNotification, bearer, login, newCustomer } from "../shop.ts";

/** Journey 5: forgot password → reset → login → the new session works; the old sessions are revoked. */
export const accountRecoveryJourney = defineSuite("Journey 5: account recovery", [
  check("a reset revokes every old session and the new password signs in", async (sys) => {
    const customer = await newCustomer(sys);
    const phone = await login(sys, customer.email, customer.password, "phone");

    const asked = await sys.http.post("/api/v1/auth/forgot-password", { email: customer.email });
    assert.equal(asked.status, 202);
    const nobody = await sys.http.post("/api/v1/auth/forgot-password", { email: "nobody-at-all@example.com" });
    assert.deepEqual({ status: nobody.status, body: nobody.body }, { status: asked.status, body: asked.body }, "no account enumeration");

    const mail = await awaitNotification(sys, customer.token, "password_reset");
    const reset = await sys.http.post("/api/v1/auth/reset-password", { token: mail.data.token, password: "a brand new passphrase" });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const reused = await sys.http.post("/api/v1/auth/reset-password", { token: mail.data.token, password: "yet another passphrase" });
    assert.equal(reused.status, 400, "a reset token works once");

    for (const old of [customer.token, phone]) {
      assert.equal((await sys.http.get("/api/v1/profile", { headers: bearer(old) })).status, 401, "old sessions are revoked");
    }
    const oldPassword = await sys.http.post("/api/v1/auth/login", { email: customer.email, password: customer.password });
    assert.equal(oldPassword.status, 401);
    const fresh = await login(sys, customer.email, "a brand new passphrase", "new laptop");
    const profile = await sys.http.get("/api/v1/profile", { headers: bearer(fresh) });
    assert.equal(profile.status, 200);
    assert.equal(profile.body.email, customer.email);
    const sessions = await sys.http.get("/api/v1/sessions", { headers: bearer(fresh) });
    assert.deepEqual(sessions.body.sessions.map((s: { device: string }) => s.device), ["new laptop"]);
  }),
]);
