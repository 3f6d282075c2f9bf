import assert from "node:assert/strict";
import * as v from "valibot";
import type { CallUse, ConsumerContract, EventUse, ProviderState } from "../../contracts/consumer.ts";
import { issuesOf } from "../../runtime/bus/validate.ts";
import { type Check, check, defineSuite, type Suite } from "../suite.ts";
import type { SystemClient } from "../system/client.ts";

/** Fails naming the consumer, the interaction and every field the consumer reads that is not as it expects. */
function assertReads(consumer: string, what: string, reads: v.GenericSchema, value: unknown): void {
  const result = v.safeParse(reads, value);
  if (result.success) return;
  const fields = issuesOf(result.issues)
    .map((i) => `${i.path || "(root)"}: ${i.message}`)
    .join("; ");
  assert.fail(`${consumer} cannot read ${what}: ${fields}`);
}

/** Puts the provider into the state; answers the conversation it ran in, which its events belong to. */
async function enter(sys: SystemClient, provider: string, given: ProviderState): Promise<string> {
  const set = await sys.http.post("/__twofold/provider-state", { module: provider, state: given.name, params: given.params ?? {} });
  assert.equal(set.status, 200, `${provider} could not enter state "${given.name}": ${JSON.stringify(set.body)}`);
  const correlationId = set.headers.get("x-correlation-id");
  assert.ok(correlationId, "the provider state answered without a correlation id");
  return correlationId;
}

const callChecks = (consumer: string, use: CallUse): Check[] =>
  use.interactions.map((interaction) =>
    check(`${consumer} → ${use.contract.owner}: ${use.contract.name} — ${interaction.description}`, async (sys) => {
      const what = `${use.contract.name} (${interaction.description})`;
      if ("reply" in interaction.respond) {
        assertReads(consumer, `its own example reply of ${what}`, use.reads, interaction.respond.reply);
        assert.ok(v.is(use.contract.reply, interaction.respond.reply), `the example reply of ${what} is not a reply ${use.contract.owner} may give`);
      }
      await enter(sys, use.contract.owner, interaction.given);
      const answer = await sys.http.post("/__twofold/call", { from: consumer, name: use.contract.name, request: interaction.request });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      if ("error" in interaction.respond) {
        assert.equal(
          answer.body.error?.code,
          interaction.respond.error,
          `${what}: expected the error ${interaction.respond.error}, got ${JSON.stringify(answer.body)}`,
        );
        return;
      }
      assert.ok("reply" in answer.body, `${what}: expected a reply, got the error ${JSON.stringify(answer.body.error)}`);
      assertReads(consumer, `the reply of ${what}`, use.reads, answer.body.reply);
    }),
  );

const eventChecks = (consumer: string, use: EventUse): Check[] =>
  use.interactions.map((interaction) =>
    check(`${consumer} ← ${use.contract.owner}: ${use.contract.type} — ${interaction.description}`, async (sys) => {
      const what = `${use.contract.type} (${interaction.description})`;
      assertReads(consumer, `its own example of ${what}`, use.reads, interaction.example);
      assert.ok(v.is(use.contract.payload, interaction.example), `the example of ${what} is not an event ${use.contract.owner} may publish`);
      await sys.events.fromNow();
      const correlationId = await enter(sys, use.contract.owner, interaction.given);
      const event = await sys.events.expect(use.contract.type, (e) => e.correlationId === correlationId);
      assertReads(consumer, what, use.reads, event.payload);
    }),
  );

/** The suite's name in a run's report, by which the contract tooling finds the verifications a run proves. */
export const VERIFICATION_SUITE = "Contract verification";

/**
 * Provider verification: every interaction of every consumer contract, replayed against the real provider
 * module in the topology under test (in-process in the monolith, over HTTP and BullMQ when split), after
 * putting the provider into the interaction's state. A field the consumer reads that is missing, renamed or
 * of another type fails, naming the consumer, the interaction and the field.
 */
export function verificationSuite(contracts: readonly ConsumerContract[]): Suite {
  const checks = contracts.flatMap((contract) =>
    contract.uses.flatMap((use) => (use.kind === "call" ? callChecks(contract.consumer, use) : eventChecks(contract.consumer, use))),
  );
  return defineSuite(VERIFICATION_SUITE, checks);
}
