import { startPostgres } from "../runtime/infra/postgres.ts";

/**
 * `bun run test:pg [vitest args]`: the whole vitest run against a private Postgres server instead of PGlite.
 * DATABASE_URL flows through the environment to the topologies vitest starts as child processes.
 */
const started = performance.now();
const postgres = await startPostgres().catch((error: Error) => {
  console.error(`[test:pg] ${error.message}`);
  process.exit(1);
});
console.error(`[test:pg] postgres ready in ${(performance.now() - started).toFixed(0)} ms at ${postgres.url}`);
let code = 1;
try {
  const vitest = Bun.spawn([process.execPath, "--bun", "vitest", "run", ...process.argv.slice(2)], {
    env: { ...process.env, DATABASE_URL: postgres.url },
    stdio: ["inherit", "inherit", "inherit"],
  });
  // Ctrl-C reaches vitest too (same process group); wait for it rather than dying before Postgres is stopped.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => vitest.kill("SIGTERM"));
  code = await vitest.exited;
} finally {
  await postgres.stop();
}
process.exit(code);
