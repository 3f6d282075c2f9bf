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

  it("runs each service as its replicas (TWOFOLD_REPLICAS, else the file's), 100 ports apart unless placed, and shares calls between them in turn", () => {
    const replicated = { ...file, services: [file.services[0], { ...file.services[1], replicas: 3 }] };
    const fromFile = parseTopology(replicated, ["users", "orders", "products"], placementOverrides({ TWOFOLD_PORT_BACK_OFFICE_3: "9999" }));
    expect(fromFile.instances.map((i) => `${i.name}@${i.port}`)).toEqual([
      "users@5001",
      "back-office@5002",
      "back-office-2@5102",
      "back-office-3@9999",
    ]);
    expect(fromFile.instanceNamed("back-office-2")).toMatchObject({ service: "back-office", url: "http://127.0.0.1:5102" });
    expect(Array.from({ length: 4 }, () => fromFile.addressOf("orders"))).toEqual([
      "http://127.0.0.1:5002",
      "http://127.0.0.1:5102",
      "http://127.0.0.1:9999",
      "http://127.0.0.1:5002",
    ]);
    expect(fromFile.addressOf("users")).toBe("http://127.0.0.1:5001");
    const everywhere = parseTopology(file, ["users", "orders", "products"], placementOverrides({ TWOFOLD_REPLICAS: "2" }));
    expect(everywhere.instances.map((i) => i.name)).toEqual(["users", "users-2", "back-office", "back-office-2"]);
    const problems: string[] = [];
    placementOverrides({ TWOFOLD_REPLICAS: "0" }, problems);
    expect(problems).toEqual(["TWOFOLD_REPLICAS: must be a whole number from 1 to 16"]);
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
