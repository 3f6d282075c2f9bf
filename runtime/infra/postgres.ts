import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Logger } from "../log/logger.ts";
import { freePort, waitForPort } from "./ports.ts";
import { toolLog } from "./tool-log.ts";

export interface PostgresHandle {
  /** `postgresql://postgres@127.0.0.1:<port>/twofold`; split services derive and create `twofold_<service>`. */
  readonly url: string;
  /** The server's process id (it is a child of this process). */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Where the cluster lives across restarts; without it a temporary one is made and removed on stop. */
  readonly dataDir?: string;
  /** Whether commits survive a machine crash (fsync); off for throwaway test clusters. */
  readonly durable?: boolean;
  /** Where to say where the cluster is kept; the split launcher passes its own. */
  readonly log?: Logger;
}

/** Connections the split topology's one server allows: every service's pool (and their replicas') at once. */
export const POSTGRES_MAX_CONNECTIONS = 300;

/** Whether this machine can run a private Postgres server (its binaries are on PATH). */
export const canRunPostgres = (): boolean => Bun.which("postgres") !== null && Bun.which("initdb") !== null;

// initdb refuses to run as root, so as root the server runs as the `postgres` user. setpriv execs in place
// (unlike runuser, which forks), so the server is our direct child: it dies with its process group and the
// tests that read the process table see it.
const asRoot = () => process.getuid?.() === 0;
const asServerUser = () => (asRoot() ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] : []);

function binaries(): { postgres: string; initdb: string } {
  const postgres = Bun.which("postgres");
  const initdb = Bun.which("initdb");
  if (!postgres || !initdb) {
    throw new Error(
      "postgres/initdb not on PATH: install the Postgres server (Debian: apt-get install postgresql, then put /usr/lib/postgresql/<version>/bin on PATH)",
    );
  }
  return { postgres, initdb };
}

function ownByServerUser(path: string): void {
  if (asRoot() && Bun.spawnSync(["chown", "-R", "postgres:", path]).exitCode !== 0) {
    throw new Error("running as root needs a `postgres` system user to run the server as (initdb refuses root)");
  }
}

/**
 * An empty cluster made once per machine and copied for every new server: initdb takes ~1.7 s, a copy ~0.1 s.
 * Written to a temporary name and renamed, so concurrent starts never see half a template.
 */
function template(initdb: string): string {
  const dir = join(tmpdir(), `twofold-pg-template-${Bun.spawnSync([initdb, "--version"]).stdout.toString().trim().replace(/\W+/g, "-")}`);
  if (existsSync(join(dir, "PG_VERSION"))) return dir;
  const partial = `${dir}.${process.pid}.tmp`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  ownByServerUser(partial);
  const made = Bun.spawnSync([...asServerUser(), initdb, "-D", partial, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    stdout: "pipe",
    stderr: "pipe",
  });
  if (made.exitCode !== 0) throw new Error(`initdb failed: ${(made.stderr.toString() || made.stdout.toString()).trim()}`);
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Runs the first query of a new server. Its port opens before it takes sessions, and until it does every
 * connection is refused with 57P03 ("the database system is starting up"); on a loaded machine that lasts.
 */
async function onceAcceptingSessions<T>(query: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await query();
    } catch (error) {
      if ((error as { errno?: string }).errno !== "57P03" || Date.now() > deadline) throw error;
      await Bun.sleep(20);
    }
  }
}

/**
 * Where a kept cluster can live. As root the server runs as `postgres`, which cannot enter a directory only
 * root may (a home of mode 0700, a mkdtemp dir): then the cluster is kept in the temp dir instead, under a
 * name derived from the wanted path, so the same data dir finds the same cluster again.
 */
function reachableDataDir(wanted: string, log: Logger): string {
  mkdirSync(dirname(wanted), { recursive: true });
  if (!asRoot() || Bun.spawnSync([...asServerUser(), "test", "-x", dirname(wanted)]).exitCode === 0) return wanted;
  const elsewhere = join(tmpdir(), `twofold-pg-kept-${createHash("sha256").update(wanted).digest("hex").slice(0, 16)}`);
  log.info({ wanted, data_dir: elsewhere }, `the postgres user cannot reach ${dirname(wanted)}; keeping the cluster in ${elsewhere}`);
  return elsewhere;
}

/**
 * A private Postgres server on a free loopback port, TCP only, as a child process: the split topology's one
 * database server (each service still has a database of its own on it) and the test:pg run's. A data dir that
 * holds no cluster yet gets a copy of the template; a temporary one is removed on stop.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresHandle> {
  const { postgres, initdb } = binaries();
  const temporary = options.dataDir === undefined;
  const parent = temporary ? mkdtempSync(join(tmpdir(), "twofold-pg-")) : undefined;
  if (parent) ownByServerUser(parent);
  const data = parent ? join(parent, "data") : reachableDataDir(resolve(options.dataDir as string), options.log ?? toolLog());
  if (!existsSync(join(data, "PG_VERSION"))) {
    mkdirSync(dirname(data), { recursive: true });
    rmSync(data, { recursive: true, force: true });
    cpSync(template(initdb), data, { recursive: true });
    ownByServerUser(data);
  }
  const port = freePort();
  const durability = options.durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
  const server = Bun.spawn(
    [
      ...asServerUser(),
      postgres,
      "-D",
      data,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      `max_connections=${POSTGRES_MAX_CONNECTIONS}`,
      "-c",
      "log_min_messages=warning",
      ...durability,
    ],
    { stdout: "ignore", stderr: "pipe" },
  );
  let log = "";
  void (async () => {
    for await (const chunk of server.stderr) log = (log + new TextDecoder().decode(chunk)).slice(-4000);
  })();
  const kill = () => server.kill("SIGQUIT");
  process.once("exit", kill);
  const remove = () => parent && rmSync(parent, { recursive: true, force: true });
  try {
    await Promise.race([
      waitForPort(port, 30_000, "postgres"),
      server.exited.then((code) =>
        Promise.reject(new Error(`postgres exited (${code}) before it was ready: ${log.trim().split("\n").slice(-3).join(" | ")}`)),
      ),
    ]);
    const base = `postgresql://postgres@127.0.0.1:${port}`;
    // Created here so the URL names a database that exists for any client, not only ones that ensure it.
    const admin = new Bun.SQL(`${base}/postgres`);
    const [exists] = await onceAcceptingSessions(() => admin.unsafe("select 1 as ok from pg_database where datname = 'twofold'"));
    if (!exists) await admin.unsafe("create database twofold");
    await admin.close();
    return {
      url: `${base}/twofold`,
      pid: server.pid,
      async stop() {
        process.off("exit", kill);
        server.kill("SIGINT");
        await server.exited;
        remove();
      },
    };
  } catch (error) {
    process.off("exit", kill);
    server.kill("SIGKILL");
    await server.exited;
    remove();
    throw error;
  }
}
