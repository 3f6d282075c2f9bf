import { describe, expect, it } from "vitest";
import { ProxySpecError } from "./errors.ts";
import { type Toxic, type ToxicType, toxicDefinitions } from "./registry.ts";
import { formatFaults, parseFaults, parseToxic, toxicFrom } from "./spec.ts";

const caught = (read: () => unknown): ProxySpecError => {
  try {
    read();
  } catch (error) {
    if (error instanceof ProxySpecError) return error;
    throw error;
  }
  throw new Error("it read it");
};

describe("faults as data", () => {
  it("reads every toxic in Toxiproxy's shape, named <type>_<stream>", () => {
    expect(parseFaults("latency=200±50, upstream:bandwidth=64kb, slow_close=500, timeout=1000, reset_peer, slicer=16, limit_data=1024")).toEqual({
      enabled: true,
      toxics: [
        { name: "latency_downstream", type: "latency", stream: "downstream", toxicity: 1, attributes: { latency: 200, jitter: 50 } },
        { name: "bandwidth_upstream", type: "bandwidth", stream: "upstream", toxicity: 1, attributes: { rate: 64 } },
        { name: "slow_close_downstream", type: "slow_close", stream: "downstream", toxicity: 1, attributes: { delay: 500 } },
        { name: "timeout_downstream", type: "timeout", stream: "downstream", toxicity: 1, attributes: { timeout: 1000 } },
        { name: "reset_peer_downstream", type: "reset_peer", stream: "downstream", toxicity: 1, attributes: { timeout: 0 } },
        {
          name: "slicer_downstream",
          type: "slicer",
          stream: "downstream",
          toxicity: 1,
          attributes: { average_size: 16, size_variation: 0, delay: 0 },
        },
        { name: "limit_data_downstream", type: "limit_data", stream: "downstream", toxicity: 1, attributes: { bytes: 1024 } },
      ],
    });
  });

  it("reads the other forms of a value, a toxicity, and down", () => {
    expect(parseToxic("latency=200+-50").attributes).toEqual({ latency: 200, jitter: 50 });
    expect(parseToxic("bandwidth=2mb").attributes).toEqual({ rate: 2048 });
    expect(parseToxic("bandwidth=64").attributes).toEqual({ rate: 64 });
    expect(parseToxic("slicer=16±4/200us").attributes).toEqual({ average_size: 16, size_variation: 4, delay: 200 });
    expect(parseToxic("upstream:reset_peer=100@0.25")).toMatchObject({ stream: "upstream", toxicity: 0.25, attributes: { timeout: 100 } });
    expect(parseFaults("down")).toEqual({ enabled: false, toxics: [] });
    expect(parseFaults("")).toEqual({ enabled: true, toxics: [] });
    expect(parseFaults("latency=1,latency=2").toxics.map((t) => t.attributes)).toEqual([{ latency: 2, jitter: 0 }]);
  });

  it("writes every toxic back as it was read", () => {
    const examples: Record<ToxicType, string> = {
      latency: "latency=200±50",
      bandwidth: "upstream:bandwidth=64kb",
      slow_close: "slow_close=500",
      timeout: "timeout=0@0.5",
      reset_peer: "reset_peer",
      slicer: "slicer=16±4/200us",
      limit_data: "limit_data=1024",
    };
    expect(toxicDefinitions.map((d) => parseToxic(examples[d.type]).type)).toEqual(toxicDefinitions.map((d) => d.type));
    const written = `${Object.values(examples).join(",")},down`;
    expect(formatFaults(parseFaults(written))).toBe(written);
  });

  it("a part it cannot read is a ProxySpecError naming the part and how it is written", () => {
    expect(() => parseFaults("latency=100, latency=soon")).toThrow(/cannot read "latency=soon": latency is written latency=<ms>\[±<ms>\]/);
    expect(caught(() => parseFaults("latency=100, latency=soon")).part).toBe("latency=soon");
    expect(caught(() => parseToxic("latncy=100")).reason).toMatch(/no toxic "latncy"; known: latency=<ms>\[±<ms>\], bandwidth=/);
    expect(caught(() => parseToxic("sideways:latency=1")).reason).toBe('"sideways" is neither upstream nor downstream');
    expect(caught(() => parseToxic("latency=1@2")).reason).toMatch(/toxicity/);
    expect(caught(() => parseToxic("latency=1@")).reason).toMatch(/toxicity/);
    expect(caught(() => parseToxic("latency")).part).toBe("latency");
    expect(caught(() => parseToxic("slicer=16/200ms")).reason).toMatch(/slicer=<bytes>/);
    expect(caught(() => parseToxic("LATENCY=1")).reason).toMatch(/a fault is written/);
  });

  it("fills a JSON toxic's defaults, and names the field it cannot take", () => {
    const toxic: Toxic = toxicFrom({ type: "latency", attributes: { latency: 5 } });
    expect(toxic).toEqual({ name: "latency_downstream", type: "latency", stream: "downstream", toxicity: 1, attributes: { latency: 5, jitter: 0 } });
    expect(toxicFrom({ name: "cut", type: "reset_peer", stream: "upstream", toxicity: 0.5 })).toMatchObject({ name: "cut", toxicity: 0.5 });
    expect(caught(() => toxicFrom({ type: "latncy" })).part).toBe("type");
    expect(caught(() => toxicFrom({ type: "latency", stream: "up" })).part).toBe("stream");
    expect(caught(() => toxicFrom({ type: "latency", toxicity: -1 })).part).toBe("toxicity");
    expect(caught(() => toxicFrom({ type: "latency", attributes: { delay: 1 } })).reason).toBe(
      "latency has no attribute delay; it has latency, jitter",
    );
    expect(caught(() => toxicFrom({ type: "latency", attributes: { latency: 1.5 } })).part).toBe("attributes.latency");
  });
});
