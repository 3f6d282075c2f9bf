import { afterAll, expect, it } from "vitest";
import { Bench } from "../context.ts";
import { parseOptions } from "../options.ts";
import { sqlPerCheckout } from "./sql-per-checkout.ts";

/**
 * The database work of one confirmed checkout in the monolith (twofold issue 12): what the saga, inbox,
 * outbox and idempotency paths cost now, so a change that adds a statement or a transaction to them fails
 * here rather than only in the bench's report. A background sweep ticking during a checkout can add a
 * fraction of a statement on average, hence the half-statement margin; transactions have none.
 */
const STATEMENTS = 43;
const TRANSACTIONS = 10;

const bench = new Bench({ ...parseOptions(["--short"]).sizes, sqlCheckouts: 4 }, () => {});

afterAll(() => bench.stop());

it(`a confirmed checkout costs at most ${STATEMENTS} statements in ${TRANSACTIONS} transactions`, async () => {
  const { statements, transactions } = await sqlPerCheckout(bench);
  expect(statements).toBeLessThanOrEqual(STATEMENTS + 0.5);
  expect(transactions).toBeLessThanOrEqual(TRANSACTIONS);
}, 60_000);
