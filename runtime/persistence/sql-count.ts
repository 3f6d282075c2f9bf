import { DefaultLogger, type LogContext, type LoggerOptions } from "@mikro-orm/core";

/**
 * Statements and transactions this process has sent to its databases, over every module's ORM, on PGlite and
 * Postgres alike. Nothing reads it in production; the bench reads it around an in-process checkout
 * (scripts/bench/sql-per-checkout.ts). Counting costs an increment per statement.
 */
export const sqlCount = { statements: 0, transactions: 0 };

// What MikroORM logs for transaction control: `begin` (and, before it, the isolation level it set on the
// same statement), commit, rollback and savepoints. Not statements of the work; a `begin` is a transaction.
const CONTROL = /^(commit|rollback|savepoint|release savepoint|set transaction isolation)/i;

/**
 * MikroORM's logger, counting: MikroORM hands every statement it sends to `logQuery`, whichever driver runs
 * it, logging on or off. The slow-query log (off by default) reuses this logger and is not counted twice.
 */
export class CountingLogger extends DefaultLogger {
  static override create(this: void, options: LoggerOptions): CountingLogger {
    return new CountingLogger(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    if (context.namespace !== "slow-query") {
      if (/^begin\b/i.test(context.query)) sqlCount.transactions++;
      else if (!CONTROL.test(context.query)) sqlCount.statements++;
    }
    super.logQuery(context);
  }
}
