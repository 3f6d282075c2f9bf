import { describe, expect, it } from "vitest";
import { placementOverrides } from "../config.ts";
import { parseTopology, withHosts } from "./topology.ts";

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

  it("reaches a service at its host: the override, else the file's, else loopback", () => {
    const hosted = {
      ...file,
      services: [
        { ...file.services[0], host: "10.0.0.7" },
        { ...file.services[1], host: "10.0.0.8" },
      ],
    };
    const topology = parseTopology(hosted, ["users", "orders", "products"], placementOverrides({ TWOFOLD_HOST_BACK_OFFICE: "back-office.internal" }));
    expect(topology.serviceOf("users")).toMatchObject({ host: "10.0.0.7", url: "http://10.0.0.7:5001" });
    expect(topology.serviceOf("orders")).toMatchObject({ host: "back-office.internal", url: "http://back-office.internal:5002" });
    expect(parseTopology(file, ["users", "orders", "products"]).serviceOf("users")?.host).toBe("127.0.0.1");
    expect(() => parseTopology({ ...file, services: [{ ...file.services[0], host: "http://x" }] }, ["users"])).toThrow(/services\.0\.host/);
  });

  it("moves every service to a deployment's own names, ports and modules unchanged", () => {
    const topology = withHosts(parseTopology(file, ["users", "orders", "products"]), (service) => `${service}.svc`);
    expect(topology.services.map((s) => s.url)).toEqual(["http://users.svc:5001", "http://back-office.svc:5002"]);
    expect(topology.serviceOf("products")?.name).toBe("back-office");
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
