import { mkdirSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ParserOptions, PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { INT8_OID, parseInt8 } from "./int8.ts";

/** PGlite's wasm and data files, for a compiled binary where PGlite cannot find them next to itself. */
export interface PGliteAssets {
  readonly wasmPath: string;
  readonly initdbPath: string;
  readonly dataPath: string;
}

let assets: PGliteAssets | undefined;

const raw = (value: string) => value;
/**
 * Values come back as `pg` returns them to MikroORM (dates, timestamps, intervals and numeric as text), int8 as
 * orm.ts has `pg` parse it (a number, exact).
 * Given once at creation: as a per-query option PGlite would merge it into a fresh copy of its 318-entry
 * parser table on every query (17–18 % of a checkout's CPU).
 */
const parsers: ParserOptions = { 1082: raw, 1114: raw, 1184: raw, 1186: raw, 1700: raw, [INT8_OID]: parseInt8 };

/** The compiled binary's entry registers the files it embedded; from source, PGlite finds its own. */
export function usePGliteAssets(embedded: PGliteAssets): void {
  assets = embedded;
}

async function assetOptions(): Promise<PGliteOptions> {
  if (!assets) return { parsers };
  const [wasm, initdb] = await Promise.all([
    WebAssembly.compile(await Bun.file(assets.wasmPath).arrayBuffer()),
    WebAssembly.compile(await Bun.file(assets.initdbPath).arrayBuffer()),
  ]);
  return { parsers, pgliteWasmModule: wasm, initdbWasmModule: initdb, fsBundle: Bun.file(assets.dataPath) };
}

const SNAPSHOT_VERSION = "pglite-0.5.16-v1";

/**
 * A freshly initialised, empty cluster as a tarball. Almost all of PGlite's ~2 s cold start is initdb;
 * starting from this snapshot takes ~0.5 s, so it is made once per machine and cached in the temp dir.
 */
async function blankSnapshot(options: PGliteOptions): Promise<Blob> {
  const file = join(tmpdir(), `twofold-${SNAPSHOT_VERSION}.tar.gz`);
  const cached = Bun.file(file);
  if (await cached.exists()) return new Blob([await cached.arrayBuffer()]);
  const fresh = await PGlite.create(options);
  const dump = await fresh.dumpDataDir("gzip");
  await fresh.close();
  const partial = `${file}.${process.pid}.tmp`;
  await Bun.write(partial, dump);
  renameSync(partial, file);
  return dump;
}

const isEmptyDir = (dir: string): boolean => {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
};

/**
 * Makes the blank-cluster snapshot now, once, so that processes started next (a split topology's services,
 * test topologies) find it instead of all running initdb at the same time.
 */
export async function preparePGlite(): Promise<void> {
  await blankSnapshot(await assetOptions());
}

/** Opens the embedded database: in memory ("memory"), or kept in a directory across restarts. */
export async function openPGlite(dataDir: string): Promise<PGlite> {
  const options = await assetOptions();
  if (dataDir === "memory") return PGlite.create({ ...options, loadDataDir: await blankSnapshot(options) });
  if (isEmptyDir(dataDir)) {
    mkdirSync(dataDir, { recursive: true });
    return PGlite.create({ ...options, dataDir, loadDataDir: await blankSnapshot(options) });
  }
  return PGlite.create({ ...options, dataDir });
}
