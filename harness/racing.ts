import { AsyncLocalStorage } from "node:async_hooks";

const races = new AsyncLocalStorage<true>();

/**
 * Runs requests sent at once on purpose (ten checkouts under one key, two devices' edits): which of them wins,
 * and so each one's answer and the order they finish in, is timing. The harness does not record them as
 * steps; the check asserts what they must come to, and the state and events after them are compared.
 */
export const racing = <T>(work: () => Promise<T>): Promise<T> => races.run(true, work);

/** Whether the caller is inside a race (racing). */
export const isRacing = (): boolean => races.getStore() === true;
