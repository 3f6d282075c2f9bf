import { startPostgres } from "../../../runtime/infra/postgres.ts";
import type { Resource } from "../context.ts";

/** Where a private Postgres answers: `databaseUrl(name)` names a database on it (created by whoever opens it). */
export interface RunningPostgres {
  databaseUrl(name: string): string;
}

/** A private, durable Postgres server (as the split launcher starts one) for the monolith on Postgres and the SQL floors. */
export const postgres: Resource<RunningPostgres> = {
  name: "postgres",
  async start(bench) {
    const server = await startPostgres({ dataDir: bench.scratch("postgres"), durable: true });
    const databaseUrl = (name: string) => {
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    };
    return { value: { databaseUrl }, stop: server.stop };
  },
};
