import { describe, expect, it } from "vitest";
import { DEVELOPMENT_INTERNAL_TOKEN, DEVELOPMENT_OPERATOR_KEY, loadConfig } from "./config.ts";
import { wireOptions } from "./host/wire-options.ts";
import { parseTopology } from "./host/topology.ts";
import { sameSecret } from "./secrets.ts";

const topology = parseTopology({ gateway: { port: 5000 }, services: [{ name: "users", modules: ["users"], port: 5001 }] }, ["users"], {});

describe("secrets in configuration", () => {
  it("has no fallback secret in production: neither an operator key nor an internal token", () => {
    const config = loadConfig({ TWOFOLD_ENV: "production" });
    expect(config.operatorKey).toBeUndefined();
    expect(config.internalToken).toBeUndefined();
    expect(() => wireOptions({ ...config, redisUrl: "redis://127.0.0.1:1" }, topology)).toThrow(/TWOFOLD_INTERNAL_TOKEN is required outside development/);
  });

  it("uses the documented development secrets only in development", () => {
    const config = loadConfig({ TWOFOLD_ENV: "development" });
    expect(config.operatorKey).toBe(DEVELOPMENT_OPERATOR_KEY);
    expect(config.internalToken).toBe(DEVELOPMENT_INTERNAL_TOKEN);
  });

  it("refuses a short internal token", () => {
    expect(() => loadConfig({ TWOFOLD_INTERNAL_TOKEN: "short" })).toThrow(/TWOFOLD_INTERNAL_TOKEN: must be at least 16 characters/);
  });

  it("compares secrets whatever their length, never matching a missing one", () => {
    expect(sameSecret("a-long-enough-secret", "a-long-enough-secret")).toBe(true);
    expect(sameSecret("a-long-enough-secret", "a-long-enough-secreT")).toBe(false);
    expect(sameSecret("short", "a-long-enough-secret")).toBe(false);
    expect(sameSecret(undefined, undefined)).toBe(false);
    expect(sameSecret("", "")).toBe(false);
  });
});
