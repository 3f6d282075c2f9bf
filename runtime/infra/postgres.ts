import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.ts";

export interface PostgresHandle {
  /** `postgresql://postgres@127.0.0.1:<port>/twofold`; split services derive and create `twofold_<service>`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A private Postgres server for tests: `initdb` into a temp dir, `pg_ctl start` on a free loopback port with
 * trust auth and durability off (the data is thrown away), stopped and removed by `stop()` or else on exit.
 */
export async function startPostgres(): Promise<PostgresHandle> {
  const initdb = Bun.which("initdb");
  const pgCtl = Bun.which("pg_ctl");
  if (!initdb || !pgCtl) {
    throw new Error("initdb/pg_ctl not on PATH: install the Postgres server (Debian: apt-get install postgresql, then put /usr/lib/postgresql/<version>/bin on PATH)");
  }
  const dir = mkdtempSync(join(tmpdir(), "twofold-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "log");
  // initdb refuses to run as root, so as root the server runs as the `postgres` user, which must own the dir.
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  const fail = (message: string): never => {
    const tail = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").slice(-3).join(" | ") : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(tail ? `${message} (server log: ${tail})` : message);
  };
  const run = (args: string[], what: string) => {
    const result = Bun.spawnSync([...prefix, ...args], { stdout: "pipe", stderr: "pipe" });
    if (result.exitCode !== 0) fail(`${what} failed: ${(result.stderr.toString() || result.stdout.toString()).trim()}`);
  };
  if (asRoot && Bun.spawnSync(["chown", "postgres:", dir]).exitCode !== 0) {
    fail("running as root needs a `postgres` system user to run the server as (initdb refuses root)");
  }
  run([initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], "initdb");
  // The socket goes in our dir, not /var/run/postgresql (maybe missing or not ours); -w waits until it accepts.
  const port = freePort();
  const options = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run([pgCtl, "-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"], "pg_ctl start");
  const stopNow = () => {
    Bun.spawnSync([...prefix, pgCtl, "-D", data, "-m", "immediate", "-w", "stop"], { stdout: "ignore", stderr: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  // pg_ctl daemonises the server, so it would outlive us; this stops it when stop() is never reached.
  process.once("exit", stopNow);
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  try {
    // Created here so the URL names a database that exists for any client, not only ones that ensure it.
    const admin = new Bun.SQL(`${base}/postgres`);
    await admin.unsafe("create database twofold");
    await admin.close();
  } catch (error) {
    process.off("exit", stopNow);
    stopNow();
    throw error;
  }
  return {
    url: `${base}/twofold`,
    async stop() {
      process.off("exit", stopNow);
      await Bun.spawn([...prefix, pgCtl, "-D", data, "-m", "fast", "-w", "stop"], { stdout: "ignore", stderr: "inherit" }).exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
