import { type ConnectionOptions, type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Hono } from "hono";
import { Redis } from "ioredis";
import type { Envelope } from "../../../contracts/envelope.ts";
import { conversationFields } from "../../log/conversation.ts";
import type { Logger } from "../../log/logger.ts";
import { broadcastModule } from "../broadcast.ts";
import { describeError, isPermanentFailure } from "../delivery.ts";
import { withTimeout } from "../timeout.ts";
import type { DeadLetter, DeliveryPolicy, DispatchOptions, EventChannel, EventReceiver } from "../transport.ts";
import { bullBoard } from "./board.ts";
import { Instances } from "./instances.ts";
import { Lives } from "./lives.ts";

export interface WorkerTimings {
  readonly concurrency: number;
  /**
   * How long a worker owns a job before BullMQ considers it stalled: a crashed worker's jobs come back after this,
   * or as soon as an instance of its name starts again (./lives.ts).
   */
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
}

const clean = (name: string) => name.replace(/[^a-z0-9-]/gi, "");

/**
 * One BullMQ queue per subscribing module, named after it, so a queue is a module's inbox; a broadcast
 * subscription (`<module>@every`) has one per instance of the module, `events-<module>@<instance>`.
 */
const queueName = (subscriber: string, instance?: string): string => {
  const module = broadcastModule(subscriber);
  return module === undefined ? `events-${clean(subscriber)}` : `events-${clean(module)}@${clean(instance ?? "")}`;
};

/**
 * Events over BullMQ on Redis: `dispatch` enqueues one job per subscriber (at least once, retried with
 * exponential backoff); failed jobs stay in the failed set as dead letters. A job's id is the event id plus
 * the subscriber, so a relay that dispatches the same event twice enqueues it once. A broadcast subscriber gets
 * one job in the queue of each of its live instances (./instances.ts).
 */
export class BullmqEvents implements EventChannel {
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly receivers = new Map<string, EventReceiver>();
  private readonly instances: Instances;
  private readonly lives: Lives;
  private active = 0;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly policy: DeliveryPolicy,
    private readonly timings: WorkerTimings,
    private readonly log: Logger,
    /** This process among the instances of its modules: where its broadcast subscriptions are heard. */
    private readonly instance: string,
  ) {
    // An instance is live while it renews its lease, as a worker owns a job while it renews its lock.
    this.instances = new Instances(connection, prefix, timings.lockDurationMs, log);
    this.lives = new Lives(connection, prefix, instance, log);
  }

  consume(module: string, receiver: EventReceiver): void {
    this.receivers.set(module, receiver);
  }

  /** A redelivery gets job ids of its own; otherwise BullMQ would take it for the first delivery and drop it. */
  readonly dispatch = async (envelope: Envelope, subscribers: readonly string[], options?: DispatchOptions): Promise<void> => {
    const redelivery = options?.redelivery;
    const addressed = await Promise.all(subscribers.map((subscriber) => this.queuesOf(subscriber)));
    await Promise.all(
      addressed.flat().map(({ queue, recipient }) =>
        queue.add(envelope.type, envelope, {
          jobId: redelivery ? `${envelope.id}-${recipient}-${redelivery}` : `${envelope.id}-${recipient}`,
          attempts: this.policy.attempts,
          backoff: { type: "exponential", delay: this.policy.backoffMs },
          removeOnComplete: { count: 1000 },
          removeOnFail: false,
        }),
      ),
    );
  };

  /** The queues an event for `subscriber` goes to: its module's, or a broadcast's in every live instance. */
  private async queuesOf(subscriber: string): Promise<{ queue: Queue; recipient: string }[]> {
    const module = broadcastModule(subscriber);
    if (module === undefined) return [{ queue: this.queue(queueName(subscriber)), recipient: subscriber }];
    const live = await this.instances.live(module);
    return live.map((instance) => ({ queue: this.queue(queueName(subscriber, instance)), recipient: `${module}@${instance}` }));
  }

  /** The queue this process consumes for a subscriber address it hosts. */
  private own(subscriber: string): Queue {
    return this.queue(queueName(subscriber, this.instance));
  }

  /** Bull Board over the given subscribers' queues: the Queue objects dispatch uses, closed on stop. */
  readonly dashboard = (subscribers: readonly string[], basePath: string): Hono =>
    bullBoard(() => subscribers.map((subscriber) => this.queue(queueName(subscriber))), basePath);

  async start(): Promise<void> {
    await this.refuseEvictingRedis();
    for (const [module, receiver] of this.receivers) {
      const heardByAll = broadcastModule(module);
      // What waits there was for this instance's previous life, whose state died with it.
      if (heardByAll !== undefined) await this.own(module).obliterate({ force: true });
      const worker = new Worker(queueName(module, this.instance), (job: Job<Envelope>) => this.process(receiver, job), {
        connection: this.connection,
        prefix: this.prefix,
        concurrency: this.timings.concurrency,
        lockDuration: this.timings.lockDurationMs,
        stalledInterval: this.timings.stalledIntervalMs,
        autorun: false,
      });
      worker.on("failed", (job, error) => {
        if (job && (job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError)) {
          const { data } = job;
          this.log.error(
            {
              ...conversationFields(data),
              message_id: data.id,
              type: job.name,
              job_id: job.id,
              subscriber: module,
              attempts: job.attemptsMade,
              error: error.message,
            },
            `dead letter: ${job.name} for ${module} after ${job.attemptsMade} attempt(s)`,
          );
        }
      });
      worker.on("error", (error) => this.log.error({ subscriber: module, error: error.message }, `BullMQ worker of ${module} failed`));
      this.workers.set(module, worker);
      // Before the worker runs, so what a killed previous life held is the first thing it takes.
      if (heardByAll === undefined) await this.lives.takeOver(this.queue(queueName(module)), worker.id);
      void worker.run();
      await worker.waitUntilReady();
      if (heardByAll !== undefined) await this.instances.join(heardByAll, this.instance);
    }
  }

  /**
   * A Redis that may evict keys would drop queued jobs under memory pressure, silently: BullMQ needs
   * `maxmemory-policy noeviction`. A Redis that does not let us read its configuration (some managed ones) is
   * trusted, with a line saying so.
   */
  private async refuseEvictingRedis(): Promise<void> {
    const { url } = this.connection as { url?: string };
    if (!url) return;
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 2000 });
    // An unreachable Redis is said once, below, not by ioredis for every reconnect.
    client.on("error", () => {});
    const answer = await client.config("GET", "maxmemory-policy").catch(() => undefined);
    client.disconnect();
    const policy = answer?.[1];
    if (policy === undefined) return void this.log.warn("could not read Redis's maxmemory-policy; it must be noeviction");
    if (policy !== "noeviction") {
      throw new Error(
        `Redis's maxmemory-policy is ${policy}: BullMQ needs noeviction, or queued events can be evicted and lost (set it: CONFIG SET maxmemory-policy noeviction)`,
      );
    }
  }

  /**
   * Leaves the broadcasts first (no publisher adds to this instance's queues after), stops fetching new jobs
   * and lets running ones finish, drops what still waits in its broadcast queues (state of this process,
   * which stops), then closes every connection.
   */
  async stop(): Promise<void> {
    if (!(await this.redisAnswers())) return this.stopWithoutRedis();
    const broadcasts = [...this.receivers.keys()].filter((address) => broadcastModule(address) !== undefined);
    await this.instances.leave();
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    await Promise.all(
      broadcasts.map((address) =>
        this.own(address)
          .obliterate({ force: true })
          .catch(() => {}),
      ),
    );
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.instances.close();
    await this.lives.close();
  }

  /**
   * Stopping while Redis is gone: every command would wait for a reconnect that may never come (a stop took
   * 95 s, each process waiting out its grace). Jobs this process was running keep their locks and are
   * redelivered once they lapse; its broadcast lease lapses and its queue is cleared by its next start.
   */
  private async stopWithoutRedis(): Promise<void> {
    this.log.warn("stopping without Redis: leases and locks are left to lapse");
    const closing = [...[...this.workers.values()].map((w) => w.close(true)), ...[...this.queues.values()].map((q) => q.close())];
    await Promise.all([...closing.map((c) => withTimeout(c, 1000, "bullmq close").catch(() => {})), this.instances.close(), this.lives.close()]);
  }

  /** Whether Redis answers within a second. */
  private redisAnswers(): Promise<boolean> {
    const probe = this.own(this.receivers.keys().next().value ?? "health");
    return withTimeout(probe.getJobCounts("waiting"), 1000, "redis").then(
      () => true,
      () => false,
    );
  }

  /** Redis answers, and every worker of this process is running. */
  async health(): Promise<Record<string, boolean>> {
    const workers = [...this.workers.values()].every((w) => w.isRunning());
    const redis = await this.redisAnswers();
    return { redis, subscriptions: redis && workers };
  }

  /** Jobs not yet finished in the queues this process consumes, plus the ones it is running now. */
  async pending(): Promise<number> {
    let total = this.active;
    for (const module of this.receivers.keys()) {
      const counts = await this.own(module).getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      total += Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    return total;
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const module of this.receivers.keys()) {
      for (const job of await this.own(module).getFailed(0, 999)) {
        letters.push({
          subscriber: module,
          envelope: job.data as Envelope,
          attempts: job.attemptsMade,
          error: job.failedReason,
          failedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
        });
      }
    }
    return letters;
  }

  private async process(receiver: EventReceiver, job: Job<Envelope>): Promise<void> {
    this.active++;
    try {
      await receiver(job.data, { attempt: job.attemptsMade + 1 });
    } catch (error) {
      if (isPermanentFailure(error)) throw new UnrecoverableError(describeError(error));
      throw error;
    } finally {
      this.active--;
    }
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
