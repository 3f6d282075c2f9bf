import type { ConnectionOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../../log/logger.ts";
import { withTimeout } from "../timeout.ts";
import { redisClient } from "./client.ts";

/**
 * What a killed instance was handling, handed back when an instance of its name starts again. BullMQ gives a
 * crashed worker's jobs back only once their lock lapses and a stalled check has seen them twice (up to
 * lockDuration plus two stalled intervals: 15 s under test, 90 s by default). But a job locked by an earlier
 * life of this very instance has no one working on it: instance names are unique in a topology, and a
 * supervisor starts a process again only once it has died. So each life writes down its worker's id per
 * queue (BullMQ's lock token is `<worker id>:<n>`), and the next one fails those jobs' attempt at once, as the
 * crash did, retried after the usual backoff (a message that kills its consumer every time ends as a dead
 * letter). A process that is only stalled (SIGSTOP) is not started again: its jobs wait for their locks.
 */
export class Lives {
  private client?: Redis;
  private readonly owned: string[] = [];

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly instance: string,
    private readonly log: Logger,
  ) {}

  /** Makes `workerId` this instance's consumer of `queue`, failing the attempts the previous one left locked. */
  async takeOver(queue: Queue, workerId: string): Promise<void> {
    const key = `${this.prefix}:life:${queue.name}:${this.instance}`;
    this.owned.push(key);
    const previous = await this.redis().set(key, workerId, "GET");
    if (previous === null || previous === workerId) return;
    for (const job of await queue.getActive()) {
      if (!job.id) continue;
      const token = await this.redis().get(`${queue.toKey(job.id)}:lock`);
      if (!token?.startsWith(`${previous}:`)) continue;
      const crashed = new Error(`${this.instance} stopped while handling ${job.name} ${job.id}, before acknowledging it`);
      // The lock may have just lapsed and a stalled check moved the job: then it is back already.
      const moved = await job.moveToFailed(crashed, token).then(
        () => true,
        () => false,
      );
      if (!moved) continue;
      const fields = { queue: queue.name, job_id: job.id, type: job.name, attempts: job.attemptsMade };
      const held = `${job.name} for ${queue.name} was held by the previous life of ${this.instance}`;
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) this.log.error(fields, `dead letter: ${held}, its last attempt`);
      else this.log.warn(fields, `${held}: given back (attempt ${job.attemptsMade} failed)`);
    }
  }

  /** A clean stop leaves nothing held: the next life has nothing to take over. */
  async close(): Promise<void> {
    // Bounded: with Redis gone the delete would wait for a reconnect; the next life takes over what is left.
    if (this.client && this.owned.length > 0) await withTimeout(this.client.del(...this.owned), 1000, "redis").catch(() => {});
    this.client?.disconnect();
    this.client = undefined;
  }

  private redis(): Redis {
    if (!this.client) {
      this.client = redisClient(this.connection, this.log);
    }
    return this.client;
  }
}
