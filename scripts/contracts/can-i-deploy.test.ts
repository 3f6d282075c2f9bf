import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSnapshots, publishSnapshots, readSnapshot } from "./broker-store.ts";
import { type BrokerView, canIDeploy } from "./can-i-deploy.ts";
import type { Deployments } from "./deployments.ts";
import { describeSystem } from "./describe.ts";
import { allFixtureModules } from "./fixtures/systems.ts";
import type { VerificationRecord } from "./verifications.ts";

const deployments: Deployments = {
  environments: {
    production: { users: "1.0.0", cart: "1.0.0", orders: "1.0.0", notifications: "1.0.0" },
    staging: { users: "1.1.0", cart: "1.0.0", orders: "1.1.0", notifications: "1.0.0" },
  },
};

const verified = (consumer: string, provider: string, providerVersion: string, success: boolean): VerificationRecord => ({
  consumer,
  consumerVersion: "1.0.0",
  provider,
  providerVersion,
  success,
  verifiedAt: "2026-03-01T10:00:00.000Z",
  profiles: ["monolith", "split"],
  checks: 1,
  failures: success
    ? []
    : [{ check: `${consumer} ← ${provider}: user.created — a user registers`, profile: "split", error: "timed out waiting for user.created" }],
});

let dir: string;
let broker: BrokerView;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "twofold-broker-"));
  for (const module of allFixtureModules) publishSnapshots(dir, describeSystem({ modules: [module] }));
  broker = {
    snapshot: (module, version) => readSnapshot(dir, module, version),
    verifications: [verified("cart", "users", "1.1.0", true), verified("notifications", "users", "1.2.0", false)],
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (module: string, version: string, environment: string) => canIDeploy(module, version, environment, broker, deployments);

describe("can-i-deploy", () => {
  it("publishes one snapshot per module@version", () => {
    expect(listSnapshots(dir)).toContain("users@2.1.0");
    expect(listSnapshots(dir)).toContain("orders@1.1.0");
  });

  it("yes: a consumer whose new field the deployed provider has", () => {
    const answer = ask("orders", "1.1.0", "staging");
    expect(answer).toMatchObject({ ok: true, reasons: [] });
    expect(answer.pairs.map((p) => [p.consumer.name, p.provider.name, p.provider.version, p.ok])).toEqual([["orders", "users", "1.1.0", true]]);
  });

  it("no: a consumer's newer version reads a field the deployed, older provider lacks", () => {
    expect(ask("orders", "1.1.0", "production")).toMatchObject({
      ok: false,
      reasons: ["orders@1.1.0 → users@1.0.0 users.get, reply field `email`: not provided"],
    });
  });

  it("yes: a provider that only adds, with every recorded verification passing", () => {
    const answer = ask("users", "1.1.0", "production");
    expect(answer.ok).toBe(true);
    expect(answer.pairs.find((p) => p.consumer.name === "cart")?.verification?.success).toBe(true);
  });

  it("no: a provider version that renamed user_id, naming consumer, version and field", () => {
    expect(ask("users", "2.0.0", "production").reasons).toEqual([
      "cart@1.0.0 → users@2.0.0 users.authenticate, reply field `user_id`: not provided (renamed to `userId`?)",
    ]);
  });

  it("no: seed 000's bug, user_id changed from string to number", () => {
    expect(ask("users", "2.1.0", "production").reasons).toEqual([
      "cart@1.0.0 → users@2.1.0 users.authenticate, reply field `user_id`: reads string, gets number",
    ]);
  });

  it("no: statically compatible, but the recorded verification of the pair failed", () => {
    const answer = ask("users", "1.2.0", "staging");
    expect(answer.ok).toBe(false);
    expect(answer.reasons).toEqual([
      "the verification of notifications@1.0.0 against users@1.2.0 failed on 2026-03-01T10:00:00.000Z: notifications ← users: user.created — a user registers (split) — timed out waiting for user.created",
    ]);
  });

  it("no: a new required request field the deployed consumer does not send", () => {
    expect(ask("users", "3.0.0", "production").reasons).toEqual([
      'orders@1.0.0 → users@3.0.0 users.get, interaction "an existing user", request field `tenant_id`: users.get requires it; the example request lacks it',
      'orders@1.0.0 → users@3.0.0 users.get, interaction "an unknown user", request field `tenant_id`: users.get requires it; the example request lacks it',
    ]);
  });

  it("no: a provider that sends a message version the deployed consumer does not understand", () => {
    expect(ask("users", "4.0.0", "production").reasons).toEqual([
      "orders@1.0.0 → users@4.0.0 users.get: users@4.0.0 sends users.get v2; orders@1.0.0 understands v1 (it can still write v1: TWOFOLD_SKEW=users:1)",
    ]);
  });

  it("yes: a consumer that understands both versions, against the older provider (it upcasts)", () => {
    expect(ask("orders", "2.0.0", "production")).toMatchObject({ ok: true });
  });

  it("no, with a reason, when a version was never published or the environment is unknown", () => {
    expect(ask("users", "9.9.9", "production").reasons).toEqual([
      "the broker has no snapshot of users@9.9.9: publish it from that version (bun scripts/contracts.ts publish)",
    ]);
    expect(ask("users", "1.0.0", "qa").reasons).toEqual(["no environment qa in the deployments (known: production, staging)"]);
  });
});
