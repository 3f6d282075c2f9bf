import { Queue, Worker } from "bullmq";

/**
 * The floor of an event hop: Queue.add → Worker processed on the same Redis, nothing else; the same worker
 * concurrency as the split's. Answers one hop as a function, and how to close it.
 */
export async function bareBullmqHop(
  redisUrl: string,
  prefix: string,
  concurrency: number,
): Promise<{ hop: () => Promise<void>; close: () => Promise<void> }> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const waiting = new Map<number, () => void>();
  const queue = new Queue("bare", { connection, prefix });
  const worker = new Worker("bare", async (job) => waiting.get(job.data.n)?.(), { connection, prefix, concurrency });
  await worker.waitUntilReady();
  let n = 0;
  return {
    hop: () =>
      new Promise<void>((resolve, reject) => {
        const id = ++n;
        waiting.set(id, () => (waiting.delete(id), resolve()));
        queue.add("hop", { n: id }, { removeOnComplete: true }).catch(reject);
      }),
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
