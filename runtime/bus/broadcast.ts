/** What follows a module's name in the address of its broadcast subscriptions. */
const EVERY_INSTANCE = "@every";

/**
 * The subscriber address of a module's broadcast subscriptions: every instance (process) hosting the module
 * hears each event, where the module's own address is heard by one of its instances. For the process's own
 * state (a cache, a copy of a flag): what must outlive the process belongs to a competing subscription.
 */
export const everyInstance = (module: string): string => `${module}${EVERY_INSTANCE}`;

/** The module a broadcast subscriber address is of; undefined for a competing one. */
export const broadcastModule = (subscriber: string): string | undefined =>
  subscriber.endsWith(EVERY_INSTANCE) ? subscriber.slice(0, -EVERY_INSTANCE.length) : undefined;
