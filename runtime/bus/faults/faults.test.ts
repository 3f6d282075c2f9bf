import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors.ts";
import { testEnvelope } from "../envelope.test-support.ts";
import { openRequests } from "../open-requests.ts";
import { createTransport, transports } from "../transports.ts";
import { delayFault } from "./delay.ts";
import { formatFaults, parseFaults } from "./parse.ts";
import { type FaultSpec, faultDefinitions } from "./registry.ts";

const envelope = (payload: unknown) => testEnvelope({ payload });
const delivery = { attempts: 1, backoffMs: 1 };
const faulty = (written: string, seed = 1) => createTransport(transports.memory, { delivery }, parseFaults(written), seed);

describe("faults as data", () => {
  it("reads every kind, and writes each back as it was read", () => {
    const specs = parseFaults("latency:reports=5000, duplicate=0.5,delay=15,copy");
    expect(specs).toEqual([
      { kind: "latency", module: "reports", ms: 5000 },
      { kind: "duplicate", rate: 0.5 },
      { kind: "delay", minMs: 0, maxMs: 15 },
      { kind: "copy" },
    ]);
    expect(parseFaults("delay=5..15")).toEqual([{ kind: "delay", minMs: 5, maxMs: 15 }]);
    expect(formatFaults(parseFaults("delay=5..15"))).toBe("delay=5..15");
    expect(parseFaults(formatFaults(specs))).toEqual(specs);
    expect(parseFaults(undefined)).toEqual([]);
  });

  it("has a written example for every kind it knows, read back to that kind", () => {
    const examples: Record<FaultSpec["kind"], string> = {
      latency: "latency:orders=1",
      duplicate: "duplicate=1",
      delay: "delay=1",
      copy: "copy",
      "after-response": "after-response",
    };
    expect(faultDefinitions.map((d) => parseFaults(examples[d.kind])[0]?.kind)).toEqual(faultDefinitions.map((d) => d.kind));
  });

  it("expands a preset, and lets a later fault of the same key replace the preset's", () => {
    expect(parseFaults("strict")).toEqual([
      { kind: "copy" },
      { kind: "after-response" },
      { kind: "delay", minMs: 0, maxMs: 15 },
      { kind: "duplicate", rate: 0.2 },
    ]);
    expect(parseFaults("strict,duplicate=1")).toContainEqual({ kind: "duplicate", rate: 1 });
    expect(parseFaults("strict,duplicate=1").filter((s) => s.kind === "duplicate")).toHaveLength(1);
  });

  it("refuses what it cannot read, naming every form it can", () => {
    expect(() => parseFaults("latency:reports=soon")).toThrow(
      /fault "latency:reports=soon" is none of: latency:<module>=<ms>, duplicate=<0..1>, delay=<ms> \| delay=<min>..<max>, copy, after-response, strict/,
    );
    expect(() => parseFaults("duplicate=2")).toThrow(/duplicate=2/);
  });
});

describe("the fault layer over a transport", () => {
  it("latency counts against the call's timeout: a call that would wait past it times out", async () => {
    const transport = faulty("latency:echo=5000");
    transport.answer("echo", async (e) => e);
    const started = performance.now();
    const error = await transport.request("echo", envelope({}), 50).catch((e: unknown) => e);
    expect(isAppError(error, "call_timeout")).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("latency delays only calls into its module", async () => {
    const transport = faulty("latency:slow=5000");
    transport.answer("echo", async (e) => e);
    expect((await transport.request("echo", envelope({ n: 1 }), 500)).payload).toEqual({ n: 1 });
  });

  it("duplicate=1 delivers every event twice, duplicate=0 once", async () => {
    for (const [written, expected] of [
      ["duplicate=1", 2],
      ["duplicate=0", 1],
    ] as const) {
      const transport = faulty(written);
      let count = 0;
      transport.consume("reader", async () => void count++);
      await transport.dispatch(envelope({}), ["reader"]);
      expect(count).toBe(expected);
    }
  });

  it("copy hands over what the wire would carry, and answers a call on a later turn", async () => {
    const transport = faulty("copy");
    let received: unknown;
    transport.consume("reader", async (e) => void (received = (e.payload as { at: unknown }).at));
    await transport.dispatch(envelope({ at: new Date(0) }), ["reader"]);
    expect(received).toBe("1970-01-01T00:00:00.000Z");
    transport.answer("echo", async (e) => e);
    let answered = false;
    const call = transport.request("echo", envelope({}), 500).then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);
    await call;
    expect(answered).toBe(true);
  });

  it("delay holds back a first attempt by its seeded share of the bound, and never a retry", async () => {
    let draws = 0;
    const deliver = delayFault.effects({ kind: "delay", minMs: 10, maxMs: 30 }, () => (draws++, 0.5)).deliver;
    const handled: number[] = [];
    const receiver = deliver?.(async (_e, d) => void handled.push(d.attempt));
    const started = performance.now();
    await receiver?.(envelope({}), { attempt: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await receiver?.(envelope({}), { attempt: 2 });
    expect({ draws, handled }).toEqual({ draws: 1, handled: [1, 2] });
  });

  it("after-response holds a conversation's events until its request is answered, and lets redeliveries through", async () => {
    const transport = faulty("after-response");
    const handled: string[] = [];
    transport.consume("reader", async (e) => void handled.push(e.id));
    const during = envelope({});
    openRequests.enter(during.correlationId);
    const held = transport.dispatch(during, ["reader"]);
    await transport.dispatch(during, ["reader"], { redelivery: "again" });
    expect(handled).toEqual([during.id]);
    openRequests.leave(during.correlationId);
    await held;
    expect(handled).toEqual([during.id, during.id]);
  });

  it("takes inline delivery away when a fault touches events, and keeps it when faults touch calls only", () => {
    expect(faulty("").dispatchInline).toBeDefined();
    expect(faulty("latency:echo=5").dispatchInline).toBeDefined();
    expect(faulty("delay=5").dispatchInline).toBeUndefined();
    expect(faulty("strict").dispatchInline).toBeUndefined();
  });
});
