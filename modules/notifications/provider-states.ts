import type { ProviderStateHandler } from "../../runtime/module-api/index.ts";

/** The states the consumers of notifications.notify name. */
export const notificationsProviderStates: Record<string, ProviderStateHandler> = {
  /** Anyone may be told anything of a kind its contract lists: there is nothing to set up. */
  "notices can be sent": async () => {},
};
