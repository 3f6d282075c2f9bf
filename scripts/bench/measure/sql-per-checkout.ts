import { sqlCount } from "../../../runtime/persistence/sql-count.ts";
import type { Bench } from "../context.ts";
import { inProcessMonolith } from "../resources/in-process.ts";
import { newShopper } from "./shopper.ts";

export interface SqlPerCheckout {
  readonly statements: number;
  readonly transactions: number;
}

/** Quiet means no statement for this long: the saga, its events and their handlers have all run. */
const QUIET_MS = 30;

/**
 * What one checkout costs the database, in the monolith assembled in process: statements and transactions
 * from POST /checkout (its session check included) until the database has been quiet for a while — the saga,
 * the events it publishes and every handler of them. The cart is filled before, and the order is read after,
 * outside the count. Background sweeps that happen to tick meanwhile are counted too (they would be in
 * production); at one a second per task they add a fraction of a statement per checkout.
 */
export async function sqlPerCheckout(bench: Bench): Promise<SqlPerCheckout> {
  const sys = await bench.use(inProcessMonolith);
  const shopper = await newShopper(sys);
  await shopper.checkoutOnce(1);
  let statements = 0;
  let transactions = 0;
  for (let i = 0; i < bench.sizes.sqlCheckouts; i++) {
    await shopper.fill();
    await quiet();
    const before = { ...sqlCount };
    const orderId = await shopper.placeOrder();
    await quiet();
    statements += sqlCount.statements - before.statements;
    transactions += sqlCount.transactions - before.transactions;
    const status = await shopper.statusOf(orderId);
    if (status !== "confirmed") throw new Error(`order ${orderId} is ${status} once the database went quiet`);
  }
  return { statements: statements / bench.sizes.sqlCheckouts, transactions: transactions / bench.sizes.sqlCheckouts };
}

async function quiet(): Promise<void> {
  let seen = sqlCount.statements + sqlCount.transactions;
  for (let still = 0; still < QUIET_MS / 5; ) {
    await Bun.sleep(5);
    const now = sqlCount.statements + sqlCount.transactions;
    still = now === seen ? still + 1 : 0;
    seen = now;
  }
}
