import initdbPath from "@electric-sql/pglite/initdb.wasm" with { type: "file" };
import dataPath from "@electric-sql/pglite/pglite.data" with { type: "file" };
import wasmPath from "@electric-sql/pglite/pglite.wasm" with { type: "file" };
import type { PGliteAssets } from "./pglite.ts";

/** Imported only by the binary's entry: `bun build --compile` embeds these files and hands PGlite their paths. */
export const embeddedPGliteAssets: PGliteAssets = { wasmPath, initdbPath, dataPath };
