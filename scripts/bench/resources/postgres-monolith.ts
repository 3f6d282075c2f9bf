import { freePort } from "../../../runtime/infra/ports.ts";
import type { Resource } from "../context.ts";
import { benchEnv } from "../env.ts";
import { spawnTwofold } from "../spawn.ts";
import { postgres } from "./postgres.ts";

/** The monolith with DATABASE_URL on the bench's private Postgres (a database of its own, a schema per module). */
export const postgresMonolith: Resource<{ readonly url: string; readonly pid: number }> = {
  name: "monolith on postgres",
  needs: [postgres],
  async start(bench) {
    const server = await bench.use(postgres);
    const port = freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = benchEnv({ PORT: String(port), DATABASE_URL: server.databaseUrl("bench_monolith"), TWOFOLD_DATA_DIR: bench.scratch("pg-monolith") });
    const started = await spawnTwofold("monolith-postgres", ["monolith"], url, env);
    return { value: { url, pid: started.pid }, stop: started.stop };
  },
};
