import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXIT } from "../cli/main.ts";

const entry = fileURLToPath(new URL("../../scripts/twofold.ts", import.meta.url));

describe("a split process in production without an internal token", () => {
  it.each([["service", "payments"], ["gateway"]])("`twofold %s` refuses to start, saying why", async (...args) => {
    const { TWOFOLD_INTERNAL_TOKEN: _unset, ...env } = process.env;
    const child = Bun.spawn([process.execPath, entry, ...args], {
      env: { ...env, TWOFOLD_ENV: "production", REDIS_URL: "redis://127.0.0.1:1", TWOFOLD_DATA_DIR: "memory" },
      stdout: "ignore",
      stderr: "pipe",
    });
    expect(await child.exited).toBe(EXIT.internal);
    expect(await new Response(child.stderr).text()).toMatch(/TWOFOLD_INTERNAL_TOKEN is required outside development/);
  });
});
