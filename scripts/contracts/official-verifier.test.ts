import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type StartedTopology, startTopology } from "../../harness/topologies.ts";
import { DEFAULT_PACTS } from "./cli/paths.ts";
import { officialPlan, plannedInteractions, runOfficialVerifier } from "./official/run.ts";
import type { PactV4 } from "./pact-v4.ts";

const internalToken = `official-${crypto.randomUUID()}`;
const key = (i: { consumer: string; provider: string; description: string }) => `${i.consumer} → ${i.provider}: ${i.description}`;

/**
 * A copy of one exported pact in which the consumer expects a number where the provider answers a string (a
 * reply and an event), and names a provider state the provider does not have.
 */
function wrongPact(dir: string, charge: string, event: string, unknownState: string): string {
  const pact = JSON.parse(readFileSync(join(DEFAULT_PACTS, "orders-payments.json"), "utf8")) as PactV4;
  for (const interaction of pact.interactions) {
    if (interaction.description === unknownState) interaction.providerStates = [{ name: "a card nobody issued" }];
    if (interaction.description === charge && interaction.type === "Synchronous/HTTP")
      (interaction.response.body!.content as { payload: { charge_id: unknown } }).payload.charge_id = 1;
    if (interaction.description === event && interaction.type === "Asynchronous/Messages")
      (interaction.contents.content as { charge_id: unknown }).charge_id = 1;
  }
  writeFileSync(join(dir, "orders-payments.json"), JSON.stringify(pact));
  return dir;
}

/**
 * pact-js's verifier (the Pact FFI under Node) replays the exported pacts against the split shop: each HTTP
 * interaction against the service hosting its provider, with the internal token, after entering its
 * provider state through the observation port; each message interaction with the event the provider really
 * published in that state's conversation.
 */
describe("the official Pact verifier against the split shop", () => {
  let topology: StartedTopology;
  let scratch: string;

  beforeAll(async () => {
    topology = await startTopology("split", { redisUrl: inject("redisUrl"), env: { TWOFOLD_INTERNAL_TOKEN: internalToken } });
    scratch = mkdtempSync(join(tmpdir(), "twofold-official-"));
  });
  afterAll(async () => {
    await topology?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("verifies every HTTP and message interaction of the pacts between the shop's modules", async () => {
    const plan = officialPlan(DEFAULT_PACTS, topology.urlOf, topology.url, internalToken);
    const planned = plannedInteractions(plan);
    expect(planned.filter((i) => i.kind === "http").length).toBeGreaterThan(0);
    expect(planned.filter((i) => i.kind === "message").length).toBeGreaterThan(0);

    const run = await runOfficialVerifier(plan);

    expect(run.code, run.output).toBe(0);
    expect(run.results?.errors).toEqual([]);
    expect(run.results?.interactions.map(key).sort()).toEqual(planned.map(key).sort());
    expect(run.results?.interactions.filter((i) => !i.verified)).toEqual([]);
    for (const interaction of planned) expect(run.output).toContain(interaction.description);
    expect(run.output).toContain(`official Pact verification: ${planned.length} of ${planned.length} interactions verified`);
  });

  it("fails on a pact whose expectations the provider does not meet, naming the interactions and the field or state", async () => {
    const charge = "payments.charge: charging a card the provider approves";
    const event = "payment.succeeded: a checkout's charge succeeded";
    // Answered the same in any state: only the state's failure can fail it (pact-js itself lets it pass).
    const unknownState = "payments.charge: charging a card the provider declines";
    const plan = officialPlan(wrongPact(scratch, charge, event, unknownState), topology.urlOf, topology.url, internalToken);

    const run = await runOfficialVerifier(plan);

    expect(run.code, run.output).toBe(1);
    const failed = run.results?.interactions.filter((i) => !i.verified) ?? [];
    expect(failed.map(key).sort()).toEqual([`orders → payments: ${event}`, `orders → payments: ${charge}`, `orders → payments: ${unknownState}`]);
    expect(failed.find((i) => i.description === unknownState)?.mismatches).toEqual([
      expect.stringMatching(
        /^provider state "a card nobody issued" could not be entered: payments could not enter state "a card nobody issued": 404 /,
      ),
    ]);
    expect(failed.find((i) => i.description === charge)?.mismatches.join("\n")).toMatch(
      /^\$\.payload\.charge_id -> Expected .* \(String\) to be the same type as 1 \(Integer\)/,
    );
    expect(failed.find((i) => i.description === event)?.mismatches.join("\n")).toMatch(
      /\$\.charge_id -> Expected .* \(String\) to be the same type as 1 \(Integer\)/,
    );
    expect(run.output).toContain(`NOT VERIFIED orders → payments: ${charge}`);
    expect(run.output).toContain(`NOT VERIFIED orders → payments: ${event}`);
  });
});
