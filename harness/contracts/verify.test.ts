import * as v from "valibot";
import { afterEach, describe, expect, it } from "vitest";
import { shopCalls, shopEvents } from "../../contracts/catalog.ts";
import type { CallContract } from "../../contracts/define.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { cartModule } from "../../modules/cart/module.ts";
import { usersModule } from "../../modules/users/module.ts";
import { answer, type ModuleDefinition } from "../../runtime/module.ts";
import { type InProcessSystem, inProcess } from "../in-process.ts";
import { verificationSuite } from "./verify.ts";

/**
 * Verification fails when a provider changes what a consumer reads — even when the provider's own contract
 * changed with it, as after seed 000's migration that turned user_id into a number — naming the consumer,
 * the interaction and the field.
 */
const cartOnUsers = verificationSuite([{ consumer: "cart", uses: cartModule.consumes?.uses.filter((u) => u.contract.owner === "users") ?? [] }]);
const sessionCheck = cartOnUsers.checks.find((c) => c.name.includes("a customer's session"));

/** The users module answering users.authenticate under another contract (what a migrated provider would ship). */
function migratedUsers(reply: v.GenericSchema, answerWith: (userId: string) => Record<string, unknown>) {
  const changed = { ...Authenticate, reply } as unknown as CallContract;
  const real = usersModule.calls.find((c) => c.contract.name === Authenticate.name);
  const module: ModuleDefinition = {
    ...usersModule,
    calls: [
      ...usersModule.calls.filter((c) => c.contract.name !== Authenticate.name),
      answer(changed, async (request, ctx) => {
        const session = (await real?.handle(request as never, ctx)) as { user_id: string; session_id: string; email_verified: boolean };
        return answerWith(session.user_id) as never;
      }),
    ],
  };
  return { module, calls: shopCalls.map((c) => (c.name === Authenticate.name ? changed : c)) };
}

describe("provider verification catches a provider that changed what a consumer reads", () => {
  let system: InProcessSystem | undefined;
  afterEach(() => system?.stop());

  const verify = async (users: ReturnType<typeof migratedUsers>) => {
    system = await inProcess({ modules: [users.module], calls: users.calls, events: shopEvents });
    return sessionCheck?.run(system.client, { seed: 0, warn: () => {} }).then(
      () => "passed",
      (e: Error) => e.message,
    );
  };

  it("passes against the real users module", async () => {
    system = await inProcess({ modules: [usersModule], calls: shopCalls, events: shopEvents });
    await expect(sessionCheck?.run(system.client, { seed: 0, warn: () => {} })).resolves.toBeUndefined();
  });

  it("fails when user_id became a number (seed 000), naming cart and the field", async () => {
    const outcome = await verify(
      migratedUsers(v.object({ user_id: v.number(), session_id: v.string(), email_verified: v.boolean() }), () => ({
        user_id: 42,
        session_id: "s",
        email_verified: true,
      })),
    );
    expect(sessionCheck?.name).toMatch(/^cart → users: users\.authenticate — a customer's session/);
    expect(outcome).toMatch(
      /^cart cannot read the reply of users\.authenticate \(a customer's session\): user_id: Invalid type: Expected string but received 42/,
    );
  });

  it("fails when user_id was renamed userId", async () => {
    const outcome = await verify(
      migratedUsers(v.object({ userId: v.string(), session_id: v.string(), email_verified: v.boolean() }), (id) => ({
        userId: id,
        session_id: "s",
        email_verified: true,
      })),
    );
    expect(outcome).toMatch(/^cart cannot read the reply of users\.authenticate \(a customer's session\): user_id: Invalid key/);
  });
});
