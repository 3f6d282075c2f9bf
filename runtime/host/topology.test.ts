import { describe, expect, it } from "vitest";
import { placementOverrides } from "../config.ts";
import { parseTopology } from "./topology.ts";

const file = {
  gateway: { port: 5000 },
  services: [
    { name: "users", modules: ["users"], port: 5001 },
    { name: "back-office", modules: ["orders", "products"], port: 5002 },
  ],
};

describe("topology description", () => {
  it("places modules and applies env overrides", () => {
    const topology = parseTopology(file, ["users", "orders", "products"], placementOverrides({ PORT: "8080", TWOFOLD_PORT_BACK_OFFICE: "9002" }));
    expect(topology.gatewayPort).toBe(8080);
    expect(topology.serviceOf("products")).toMatchObject({ name: "back-office", port: 9002, url: "http://127.0.0.1:9002" });
    expect(topology.serviceOf("users")?.url).toBe("http://127.0.0.1:5001");
  });

  it("refuses a module placed twice, unknown or missing", () => {
    expect(() => parseTopology(file, ["users", "orders", "products", "search"])).toThrow(/unplaced modules \[search\]/);
    expect(() => parseTopology(file, ["users", "orders"])).toThrow(/unknown modules \[products\]/);
    const twice = { ...file, services: [...file.services, { name: "again", modules: ["users"], port: 5003 }] };
    expect(() => parseTopology(twice, ["users", "orders", "products"])).toThrow(/placed twice \[users\]/);
  });

  it("explains a malformed file", () => {
    expect(() => parseTopology({ gateway: {}, services: [] }, [])).toThrow(/topology: gateway\.port/);
  });
});
