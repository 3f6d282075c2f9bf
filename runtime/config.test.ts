import { describe, expect, it } from "vitest";
import { createTransport, transports } from "./bus/transports.ts";
import { DEVELOPMENT_INTERNAL_TOKEN, DEVELOPMENT_OPERATOR_KEY, loadConfig } from "./config.ts";
import { parseTopology } from "./host/topology.ts";
import { sameSecret } from "./secrets.ts";
import { defineSettings } from "./settings.ts";

const topology = parseTopology({ gateway: { port: 5000 }, services: [{ name: "users", modules: ["users"], port: 5001 }] }, ["users"]);

describe("secrets in configuration", () => {
  it("has no fallback secret in production: neither an operator key nor an internal token", () => {
    const config = loadConfig({ TWOFOLD_ENV: "production" });
    expect(config.operatorKey).toBeUndefined();
    expect(config.internalToken).toBeUndefined();
    expect(() =>
      createTransport(transports.wire, { ...config, redisUrl: "redis://127.0.0.1:1", addressOf: (m) => topology.serviceOf(m)?.url }),
    ).toThrow(/TWOFOLD_INTERNAL_TOKEN is required outside development/);
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

describe("module settings", () => {
  const orders = { name: "orders", settings: defineSettings({ TIMEOUT_MS: { type: "integer", default: 900, description: "how long" } }) };
  const cart = { name: "cart", settings: defineSettings({ TTL_MS: { type: "integer", default: 5, min: 1, description: "how long" } }) };

  it("reads each declared setting from TWOFOLD_<NAME>, its default when unset or empty", () => {
    const config = loadConfig({ TWOFOLD_TIMEOUT_MS: "1200", TWOFOLD_TTL_MS: "" }, [orders, cart]);
    expect(config.moduleSettings.get("orders")).toEqual({ TIMEOUT_MS: 1200 });
    expect(config.moduleSettings.get("cart")).toEqual({ TTL_MS: 5 });
  });

  it("refuses at boot, naming every problem: a value that is no whole number, one below its minimum", () => {
    expect(() => loadConfig({ TWOFOLD_TIMEOUT_MS: "1.5", TWOFOLD_TTL_MS: "0" }, [orders, cart])).toThrow(
      'invalid environment: TWOFOLD_TIMEOUT_MS: must be a whole number of at least 0, got "1.5"; TWOFOLD_TTL_MS: must be a whole number of at least 1, got "0"',
    );
  });

  it("refuses a name two modules declare, or one the runtime reads itself", () => {
    expect(() => loadConfig({}, [orders, { ...cart, settings: orders.settings }])).toThrow(/TWOFOLD_TIMEOUT_MS: declared by cart and orders/);
    const clash = { name: "cart", settings: defineSettings({ CALL_TIMEOUT_MS: { type: "integer", default: 1, description: "clash" } }) };
    expect(() => loadConfig({}, [clash])).toThrow(/TWOFOLD_CALL_TIMEOUT_MS: declared by cart and the runtime/);
  });
});
