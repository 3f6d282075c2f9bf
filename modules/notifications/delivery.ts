import { isSynthetic } from "../../runtime/module-api/index.ts";

/** What became of a notification: sent to its user, or only recorded, for a synthetic transaction, which tells nobody. */
export type Delivery = "sent" | "suppressed";

export const deliveryNow = (): Delivery => (isSynthetic() ? "suppressed" : "sent");
