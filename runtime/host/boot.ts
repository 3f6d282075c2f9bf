import { Hono } from "hono";
import type { CallContract } from "../../contracts/define.ts";
import type { Bus, CallHandler, EventHandler } from "../bus/bus.ts";
import { clock } from "../clock.ts";
import type { RuntimeConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import type { FlagRollout } from "../flags/bucket.ts";
import { FlagRollouts } from "../flags/rollouts.ts";
import { operatorGate } from "../http/operator.ts";
import type { RateLimiter } from "../limits/rate-limiter.ts";
import type { Logger } from "../log/logger.ts";
import type { EventBinding, EventContext, ModuleContext, ModuleDefinition, ModuleGauge } from "../module.ts";
import { AlreadyHandled, ModuleDb } from "../persistence/module-db.ts";
import { type DatabaseTarget, openModuleOrm } from "../persistence/orm.ts";
import { type OutboxLag, OutboxRelay } from "../persistence/outbox-relay.ts";
import type { SettingsDeclaration } from "../settings.ts";
import { Ticker } from "../tasks/ticker.ts";

/** A module's gauge with the context it reads through. */
interface BoundGauge {
  readonly module: string;
  readonly gauge: ModuleGauge<SettingsDeclaration>;
  read(): ReturnType<ModuleGauge["read"]>;
}

/** The modules of one process, wired to its bus and database. */
export interface BootedModules {
  /** Every hosted module's public routes, mounted under /api/v1. */
  readonly routes: Hono;
  readonly dbs: ReadonlyMap<string, ModuleDb>;
  /** Starts the outbox relays and the modules' background tasks. */
  startRelays(): void;
  /** Puts a hosted module into a named provider state (contract verification; harness only). */
  providerState(module: string, state: string, params: Readonly<Record<string, string | number | boolean>>): Promise<void>;
  /** Every hosted module's database answers a query. */
  ping(): Promise<boolean>;
  /** Events committed in any hosted module's outbox but not yet handed to the transport. */
  outboxPending(): Promise<number>;
  /** Each hosted module's outbox: how many events wait to be relayed, and for how long the oldest has. */
  outboxLag(): Promise<OutboxLag[]>;
  /** The gauges the hosted modules declare (`defineModule({ metrics })`). */
  readonly gauges: readonly BoundGauge[];
  /** Background work running or due now, in every hosted module. */
  backgroundPending(): Promise<number>;
  /** Stops background tasks and relaying; waits for work under way. */
  stopRelays(): Promise<void>;
  /** Closes the modules' ORMs; after the transport has stopped, so no handler is still using them. */
  close(): Promise<void>;
}

/**
 * Opens each module's database, registers its call handlers and subscriptions on the bus and builds its
 * routes. The same function boots the monolith (all modules) and each split service (its own modules).
 */
/** What the modules of one process share: its rate limits, its logger, its name among replicas, the system's flag source. */
interface BootOptions {
  readonly limits: RateLimiter;
  readonly log: Logger;
  /** The process's name (`monolith`, `orders`, `orders-2`): a module's leases name it. */
  readonly instance: string;
  readonly flagSource?: CallContract;
}

export async function bootModules(
  modules: readonly ModuleDefinition[],
  bus: Bus,
  targetOf: (module: string) => DatabaseTarget,
  config: RuntimeConfig,
  { limits, log, instance, flagSource }: BootOptions,
): Promise<BootedModules> {
  const routes = new Hono();
  const dbs = new Map<string, ModuleDb>();
  const relays: OutboxRelay[] = [];
  const tasks: { ticker: Ticker; due: () => Promise<number> }[] = [];
  const contexts = new Map<string, ModuleContext<SettingsDeclaration>>();
  const gauges: BoundGauge[] = [];
  const operators = operatorGate(config.operatorKey);
  // One copy of the flags per process, whichever of its modules read them.
  const rollouts = new FlagRollouts(clock, config.flagRefreshMs);
  for (const module of modules) {
    const settings = config.moduleSettings.get(module.name) ?? {};
    if (module.settings && !config.moduleSettings.has(module.name)) {
      throw new Error(`${module.name}: its settings were not loaded (pass the system's modules to loadConfig)`);
    }
    const moduleLog = log.child({ module: module.name });
    const orm = await openModuleOrm(targetOf(module.name), module.name, module.entities);
    const publishes = new Set(module.publishes.map((e) => e.type));
    const db: ModuleDb = new ModuleDb(module.name, orm, bus, publishes, (envelopes) => relay.relayNow(envelopes), instance);
    const relay = new OutboxRelay(db, bus, config.outboxSweepMs, moduleLog);
    await db.idempotency.recoverAfterRestart();
    const tickers = new Map<string, Ticker>();
    const ctx: ModuleContext<SettingsDeclaration> = {
      name: module.name,
      instance,
      db,
      settings,
      clock: bus.clockOf(module.name),
      limits,
      operators,
      log: moduleLog,
      callTimeoutMs: config.callTimeoutMs,
      call: (contract, request, options) => bus.call(module.name, contract, request, options),
      ensureAvailable: (contracts) => bus.ensureAvailable(module.name, contracts),
      kick: (task) => tickers.get(task)?.kick(),
      flags: rollouts.readerFor((name) =>
        flagSource
          ? (bus.call(module.name, flagSource, { name }) as Promise<FlagRollout>)
          : Promise.reject(new AppError("service_unavailable", "this system has no feature flags")),
      ),
    };
    for (const task of module.background ?? []) {
      const ticker = new Ticker(`${module.name}.${task.name}`, task.every(settings), () => task.run(ctx), moduleLog);
      tickers.set(task.name, ticker);
      tasks.push({ ticker, due: async () => (ticker.busy ? 1 : 0) + ((await task.due?.(ctx)) ?? 0) });
    }
    for (const gauge of module.metrics ?? []) gauges.push({ module: module.name, gauge, read: () => gauge.read(ctx) });
    bus.answer(module.name, new Map(module.calls.map((b) => [b.contract.name, ((request) => b.handle(request, ctx)) as CallHandler])));
    bus.consume(
      module.name,
      new Map(module.events.map((b) => [b.contract.type, inboxed(b, ctx, db)])),
      new Set(module.events.filter((b) => b.broadcast).map((b) => b.contract.type)),
    );
    routes.route("/api/v1", module.routes(ctx));
    dbs.set(module.name, db);
    contexts.set(module.name, ctx);
    relays.push(relay);
  }
  return {
    routes,
    dbs,
    startRelays: () => {
      for (const relay of relays) relay.start();
      for (const task of tasks) task.ticker.start();
    },
    providerState: async (module, state, params) => {
      const ctx = contexts.get(module);
      const handler = modules.find((m) => m.name === module)?.providerStates?.[state];
      if (!ctx) throw new AppError("not_found", `${module} is not hosted here`);
      if (!handler) throw new AppError("not_found", `${module} has no provider state "${state}"`);
      await handler(ctx, params);
    },
    ping: async () => {
      const answers = await Promise.all(
        [...dbs.values()].map((db) =>
          db
            .em()
            .execute("select 1 as ok")
            .then(
              () => true,
              () => false,
            ),
        ),
      );
      return answers.every(Boolean);
    },
    outboxPending: async () => (await Promise.all(relays.map((r) => r.pending()))).reduce((a, b) => a + b, 0),
    outboxLag: () => Promise.all(relays.map((r) => r.lag())),
    gauges,
    backgroundPending: async () => (await Promise.all(tasks.map((t) => t.due()))).reduce((a, b) => a + b, 0),
    stopRelays: async () => {
      await Promise.all(tasks.map((t) => t.ticker.stop()));
      await Promise.all(relays.map((r) => r.stop()));
    },
    close: async () => {
      await Promise.all([...dbs.values()].map((db) => db.orm.close()));
    },
  };
}

/**
 * Wraps a subscriber so each message has one effect however often it is delivered (inbox). A broadcast one is
 * recorded under the instance too: the replicas share the module's inbox, and each must have its own effect.
 */
function inboxed(binding: EventBinding, ctx: ModuleContext<SettingsDeclaration>, db: ModuleDb): EventHandler {
  return async (payload, { envelope, attempt }) => {
    const recorded = binding.broadcast ? { ...envelope, id: `${envelope.id}@${ctx.instance}` } : envelope;
    const inbox = binding.inbox ? recorded : undefined;
    // The inbox insert in the handler's transaction is what decides "first delivery?" for its writes, in the
    // same statement. A call made before that transaction opens is an effect outside it (orders refunds a
    // late charge), which only a read of the inbox can stop a duplicate repeating (orders.component.test.ts,
    // "refunds ... once"): that read is made before the delivery's first such call, and only then.
    let opened = false;
    let checked = false;
    const call: typeof ctx.call = async (contract, request, options) => {
      if (inbox && !opened && !checked) {
        checked = true;
        if (await db.handled(inbox.id)) throw new AlreadyHandled(inbox.id);
      }
      return ctx.call(contract, request, options);
    };
    const eventContext: EventContext<SettingsDeclaration> = {
      ...ctx,
      call,
      db: { em: () => db.em(), snapshot: (work) => db.snapshot(work) },
      envelope,
      attempt,
      transaction: (work) => {
        if (opened) throw new Error(`${ctx.name}: one transaction per event delivery (${envelope.type})`);
        opened = true;
        return db.transaction(work, inbox);
      },
    };
    try {
      await binding.handle(payload as never, eventContext);
      if (!opened && inbox) await db.recordHandled(inbox);
    } catch (error) {
      if (!(error instanceof AlreadyHandled)) throw error;
    }
  };
}
