import { delay, type HttpHandler, HttpResponse, http } from "msw";
import * as v from "valibot";
import type { CallUse, ConsumerContract } from "../../contracts/consumer.ts";
import { Envelope } from "../../contracts/envelope.ts";
import { statusOf } from "../../contracts/errors.ts";

/** Where stubbed providers answer; the stub server rewrites every request it receives to this origin. */
export const STUB_ORIGIN = "http://stubs.twofold";

export interface StubOptions {
  /** Request fields a call's stub does not compare (values the component generates: ids, keys). */
  readonly ignore?: Readonly<Record<string, readonly string[]>>;
  /** Calls whose stub answers only after this many milliseconds: the slow neighbour / timeout case. */
  readonly slow?: Readonly<Record<string, number>>;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The interaction whose example request this request matches (ignored fields aside), if any. */
function interactionFor(use: CallUse, request: Record<string, unknown>, ignore: readonly string[]) {
  return use.interactions.find((i) =>
    Object.entries(i.request as Record<string, unknown>).every(([field, example]) => ignore.includes(field) || sameValue(request[field], example)),
  );
}

const errorReply = (code: string, message: string, details?: unknown) =>
  HttpResponse.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status: statusOf(code) });

/**
 * MSW handlers that stand in for every provider a module calls, generated from the module's consumer
 * contract. A stub answers only what an interaction of that contract says — the example reply or error that
 * provider verification checks against the real provider — so stubs cannot drift from the providers. A
 * request no interaction covers is answered with a contract violation naming the call.
 */
export function stubHandlers(contract: ConsumerContract, options: StubOptions = {}): HttpHandler[] {
  const calls = contract.uses.filter((use): use is CallUse => use.kind === "call");
  const providers = [...new Set(calls.map((use) => use.contract.owner))];
  return providers.map((provider) =>
    http.post(`${STUB_ORIGIN}/internal/calls/${provider}`, async ({ request }) => {
      const parsed = v.safeParse(Envelope, await request.json().catch(() => null));
      if (!parsed.success) return errorReply("contract_violation", "the stub got no call envelope");
      const call = parsed.output;
      const use = calls.find((u) => u.contract.name === call.type);
      if (!use) return errorReply("contract_violation", `${contract.consumer}'s contract has no ${call.type} for ${provider}`);
      const slow = options.slow?.[call.type];
      if (slow) await delay(slow);
      const interaction = interactionFor(use, (call.payload ?? {}) as Record<string, unknown>, options.ignore?.[call.type] ?? []);
      if (!interaction) {
        return errorReply("contract_violation", `no interaction of ${contract.consumer}'s contract covers this ${call.type} request`, {
          request: call.payload,
        });
      }
      if ("error" in interaction.respond) return errorReply(interaction.respond.error, `stubbed ${provider}: ${interaction.description}`);
      const reply = {
        id: crypto.randomUUID(),
        type: `${call.type}.reply`,
        version: use.contract.version,
        occurredAt: new Date().toISOString(),
        correlationId: call.correlationId,
        causationId: call.id,
        source: provider,
        payload: interaction.respond.reply,
      };
      return HttpResponse.json(reply, { status: 200 });
    }),
  );
}
