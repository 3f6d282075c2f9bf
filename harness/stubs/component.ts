import type { EventInteraction, EventUse } from "../../contracts/consumer.ts";
import type { CallContract } from "../../contracts/define.ts";
import { everyCall, everyEvent } from "../../modules/index.ts";
import type { Transport } from "../../runtime/bus/transport.ts";
import { transports } from "../../runtime/bus/transports.ts";
import { loadConfig } from "../../runtime/config.ts";
import { assembleMonolith, type Monolith } from "../../runtime/host/monolith.ts";
import type { ModuleDefinition } from "../../runtime/module.ts";
import { SystemClient } from "../system/client.ts";
import { testEnv } from "../test-env.ts";
import { type StubOptions, stubHandlers } from "./stub-handlers.ts";
import { type StubServer, serveStubs } from "./stub-server.ts";

/** One module under test, alone, with its real database; every neighbour is a stub served from its contract. */
export interface Component {
  readonly client: SystemClient;
  readonly monolith: Monolith;
  /** HTTP calls to the stubs, events in memory (the `component` transport). */
  readonly transport: Transport;
  /** The secret a neighbour calling the component over HTTP must present. */
  readonly internalToken: string;
  readonly stubs: StubServer;
  /** Delivers an event exactly as an interaction of the module's consumer contract describes it. */
  receive(use: EventUse, interaction: EventInteraction): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a component test: the module in this process on an in-memory PGlite, its calls to other modules
 * answered over HTTP by stubs generated from its own (verified) consumer contract, including their error
 * cases and, through `slow`, a neighbour too slow to answer in time.
 */
export async function startComponent(
  module: ModuleDefinition,
  options: StubOptions & { env?: Record<string, string>; flagSource?: CallContract } = {},
): Promise<Component> {
  const stubs = serveStubs(module.consumes ? stubHandlers(module.consumes, options) : []);
  const config = loadConfig({ ...testEnv(), TWOFOLD_EVENT_BACKOFF_MS: "10", ...options.env }, [module]);
  const monolith = await assembleMonolith({ modules: [module], calls: everyCall, events: everyEvent, flagSource: options.flagSource }, config, {
    transport: transports.component,
    addressOf: () => stubs.url,
  });
  const client = new SystemClient(`component ${module.name}`, "http://component", async (url, init) => monolith.app.fetch(new Request(url, init)));
  return {
    client,
    monolith,
    transport: monolith.transport,
    internalToken: config.internalToken ?? "",
    stubs,
    receive: (use, interaction) => monolith.bus.dispatch(monolith.bus.event(use.contract.owner, use.contract, interaction.example as never)),
    async stop() {
      await monolith.close();
      stubs.stop();
    },
  };
}
