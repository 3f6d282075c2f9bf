import { AsyncLocalStorage } from "node:async_hooks";

/** What travels implicitly with every piece of work: which conversation it belongs to and what caused it. */
export interface MessageContext {
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Set while a database transaction is open; calls are refused then (see Bus.call). */
  readonly inTransaction?: boolean;
  /**
   * When the work at hand must be answered by (runtime clock, ms since the epoch): the caller stops waiting
   * then, so every call made in it waits no longer (runtime/bus/resilience/deadline.ts).
   */
  readonly deadline?: number;
  /** A synthetic transaction's conversation (runtime/http/synthetic.ts): every call and event of it says so. */
  readonly synthetic?: boolean;
}

const storage = new AsyncLocalStorage<MessageContext>();

export const currentContext = (): MessageContext | undefined => storage.getStore();

export const runInContext = <T>(context: MessageContext, work: () => T): T => storage.run(context, work);

export const newId = (): string => Bun.randomUUIDv7();
