import { describe, expect, it } from "vitest";
import { placementOverrides } from "../config.ts";
import { splitEnv } from "./split-env.ts";
import { parseTopology } from "./topology.ts";

const modules = ["users", "orders"];
const file = {
  gateway: { port: 5000 },
  services: [
    { name: "users", modules: ["users"], port: 5001 },
    { name: "orders", modules: ["orders"], host: "10.0.0.3", port: 5002 },
  ],
};

describe("the settings of a split topology's children", () => {
  it("carry the topology as the launcher resolved it: a child reading the same file with them places every process alike", () => {
    const launcher = parseTopology(file, modules, placementOverrides({ PORT: "7000", TWOFOLD_HOST_USERS: "127.0.0.2", TWOFOLD_PORT_ORDERS: "7002" }));
    const env = splitEnv(launcher, { redisUrl: "redis://broker:6379", databaseUrl: "postgresql://db/twofold", internalToken: "t".repeat(16) });
    expect(env).toMatchObject({ REDIS_URL: "redis://broker:6379", DATABASE_URL: "postgresql://db/twofold", TWOFOLD_INTERNAL_TOKEN: "t".repeat(16) });
    const child = parseTopology(file, modules, placementOverrides(env));
    expect(child.gatewayPort).toBe(7000);
    expect(child.services.map((s) => s.url)).toEqual(["http://127.0.0.2:5001", "http://10.0.0.3:7002"]);
  });

  it("leave the database unset when there is no server (each service opens a PGlite)", () => {
    expect(splitEnv(parseTopology(file, modules), { redisUrl: "redis://r", internalToken: "t".repeat(16) })).not.toHaveProperty("DATABASE_URL");
  });
});
