import type { MessageDescriptor, MessageProviders, VerifierOptions } from "@pact-foundation/pact";
import { PUBLIC_OBSERVATION } from "../../../runtime/observation/paths.ts";
import type { PactV4 } from "../pact-v4.ts";

/** pact-js exports the options but not their state handlers' type. */
type StateHandlers = NonNullable<VerifierOptions["stateHandlers"]>;
type StateParams = Readonly<Record<string, string | number | boolean>>;
interface TappedEnvelope {
  readonly type: string;
  readonly version: number;
  readonly correlationId: string;
  readonly payload: unknown;
}

/** How long a message interaction waits for the provider's event after its state was entered. */
const EVENT_WAIT_MS = 10_000;

const stateKey = (name: string, params: unknown) => JSON.stringify([name, params ?? {}]);

/**
 * The provider-state adapters the official verifier calls: each state of a provider's pacts is entered
 * through the topology's observation port (as harness/contracts/verify.ts does), and a message interaction
 * answers the event the provider really published in the conversation its state ran in, read from the tap.
 */
export class ObservationAdapters {
  /** The conversation each entered state ran in, by state and params: its events carry that correlation id. */
  private readonly conversations = new Map<string, string>();
  private readonly failed = new Map<string, string>();
  private readonly tapped: TappedEnvelope[] = [];
  private cursor = 0;

  constructor(private readonly observation: string) {}

  /** A handler for every state the provider's pacts name: all enter the provider module's state the same way. */
  stateHandlers(provider: string, pacts: readonly PactV4[]): StateHandlers {
    const names = new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name))));
    return Object.fromEntries(
      [...names].map((name) => [name, { setup: async (params?: unknown) => void (await this.enter(provider, name, (params ?? {}) as StateParams)) }]),
    );
  }

  /**
   * A message provider for every message interaction, keyed by its description as pact-js finds them: it
   * answers the payload of the event of the interaction's type the provider published when the verifier
   * entered the interaction's state, and the event's real type and version as the message's metadata.
   */
  messageProviders(pacts: readonly PactV4[]): MessageProviders {
    const types = new Map<string, string>();
    for (const interaction of pacts.flatMap((p) => p.interactions)) {
      if (interaction.type === "Asynchronous/Messages") types.set(interaction.description, String(interaction.metadata?.type ?? ""));
    }
    return Object.fromEntries(
      [...types].map(([description, type]) => [description, async (message: MessageDescriptor) => this.published(type, message)]),
    );
  }

  /**
   * The states that could not be entered since the last take, with why. pact-js logs a state handler's error
   * and answers the verifier 200 regardless, which then verifies the interaction against whatever state the
   * provider is in: the program fails those interactions itself.
   */
  takeFailedStates(): Map<string, string> {
    const failed = new Map(this.failed);
    this.failed.clear();
    return failed;
  }

  private async enter(provider: string, state: string, params: StateParams): Promise<void> {
    try {
      await this.tryEnter(provider, state, params);
    } catch (error) {
      this.failed.set(state, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private async tryEnter(provider: string, state: string, params: StateParams): Promise<void> {
    const response = await fetch(`${this.observation}${PUBLIC_OBSERVATION}/provider-state`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ module: provider, state, params }),
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${provider} could not enter state "${state}": ${response.status} ${body}`);
    const correlationId = response.headers.get("x-correlation-id");
    if (!correlationId) throw new Error(`${provider}'s state "${state}" answered without a correlation id`);
    this.conversations.set(stateKey(state, params), correlationId);
  }

  private async published(type: string, message: MessageDescriptor) {
    const given = message.providerStates?.[0];
    const correlationId = given && this.conversations.get(stateKey(given.name, given.params));
    if (!correlationId) throw new Error(`"${message.description}": no provider state was entered before its message was asked for`);
    const deadline = performance.now() + EVENT_WAIT_MS;
    for (;;) {
      const event = this.tapped.find((e) => e.type === type && e.correlationId === correlationId);
      if (event) return { __pactMessageMetadata: { type: event.type, version: event.version }, message: event.payload };
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`"${message.description}": the provider published no ${type} within ${EVENT_WAIT_MS} ms of entering its state`);
      await this.pull(Math.min(left, 1000));
    }
  }

  private async pull(waitMs: number): Promise<void> {
    const response = await fetch(`${this.observation}${PUBLIC_OBSERVATION}/events?after=${this.cursor}&wait=${Math.round(waitMs)}`);
    if (response.status !== 200) throw new Error(`the event tap answered ${response.status}: is the harness on (TWOFOLD_HARNESS=1)?`);
    const body = (await response.json()) as { events: { envelope: TappedEnvelope }[]; next: number };
    for (const event of body.events) this.tapped.push(event.envelope);
    this.cursor = body.next;
  }
}
