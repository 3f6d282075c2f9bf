import { describe, expect, it } from "vitest";
import { eventually } from "../../../harness/eventually.ts";
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
      latency: "latency:orders=1±1",
      error: "error:payments=payment_declined@0.5",
      blackhole: "blackhole:warehouse",
      "lose-reply": "lose-reply:payments@0.25",
      reset: "reset:payments.charge",
      down: "down:search",
      drop: "drop:order.confirmed=100",
      poison: "poison:*@0.1",
      crash: "crash:after-reply:orders:payments.charge",
      clock: "clock:warehouse=-300000",
      duplicate: "duplicate=1",
      delay: "delay=1",
      copy: "copy",
      "after-response": "after-response",
    };
    expect(faultDefinitions.map((d) => parseFaults(examples[d.kind])[0]?.kind)).toEqual(faultDefinitions.map((d) => d.kind));
  });

  it("reads a rate, a jitter and every event type, and refuses an error code that does not exist", () => {
    expect(parseFaults("latency:users=200±50,error:payments=payment_declined@0.5,drop:*=20,poison:order.placed")).toEqual([
      { kind: "latency", module: "users", ms: 200, jitterMs: 50 },
      { kind: "error", target: "payments", code: "payment_declined", rate: 0.5 },
      { kind: "drop", type: "*", afterMs: 20, rate: 1 },
      { kind: "poison", type: "order.placed", rate: 1 },
    ]);
    expect(formatFaults(parseFaults("latency:users=200+-50,lose-reply:payments@1"))).toBe("latency:users=200±50,lose-reply:payments");
    expect(() => parseFaults("error:payments=no_such_code")).toThrow(/error:payments=no_such_code/);
    expect(() => parseFaults("blackhole:payments@2")).toThrow(/blackhole:payments@2/);
  });

  it("strict's delays reach past a request's round trip: events of consecutive requests, 10 ms apart, may arrive out of order", async () => {
    let reordered = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const transport = createTransport(transports.memory, { delivery }, parseFaults("delay=0..40"), seed);
      const handled: string[] = [];
      transport.consume("reader", async (e) => void handled.push(e.id));
      const [first, second] = [envelope({ n: 1 }), envelope({ n: 2 })];
      const dispatched = transport.dispatch(first, ["reader"]);
      // The second request's events come one round trip later: that gap is the scenario, not a wait for anything.
      await Bun.sleep(10);
      await Promise.all([dispatched, transport.dispatch(second, ["reader"])]);
      await eventually(() => expect(handled).toHaveLength(2));
      if (handled[0] === second.id) reordered++;
    }
    expect(reordered).toBeGreaterThan(0);
    expect(parseFaults("strict")).toContainEqual({ kind: "delay", minMs: 0, maxMs: 40 });
  });

  it("expands a preset, and lets a later fault of the same key replace the preset's", () => {
    expect(parseFaults("strict")).toEqual([
      { kind: "copy" },
      { kind: "after-response" },
      { kind: "delay", minMs: 0, maxMs: 40 },
      { kind: "duplicate", rate: 0.2 },
    ]);
    expect(parseFaults("strict,duplicate=1")).toContainEqual({ kind: "duplicate", rate: 1 });
    expect(parseFaults("strict,duplicate=1").filter((s) => s.kind === "duplicate")).toHaveLength(1);
  });

  it("refuses what it cannot read, naming every form it can", () => {
    expect(() => parseFaults("latency:reports=soon")).toThrow(
      /fault "latency:reports=soon" is none of: latency:<module>=<ms>\[±<jitter>\], error:<module\|call>=<code>\[@<rate>\], .*, copy, after-response, strict/,
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
    const deliver = delayFault.effects({ kind: "delay", minMs: 10, maxMs: 30 }, () => (draws++, 0.5), { supervised: false }).deliver;
    const handled: number[] = [];
    const receiver = deliver?.(async (_e, d) => void handled.push(d.attempt), "reader");
    const started = performance.now();
    await receiver?.(envelope({}), { attempt: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await receiver?.(envelope({}), { attempt: 2 });
    expect({ draws, handled }).toEqual({ draws: 1, handled: [1, 2] });
  });

  it("delay scoped to a module holds only the deliveries to that subscriber", async () => {
    expect(parseFaults("delay:notifications=5..15")).toEqual([{ kind: "delay", minMs: 5, maxMs: 15, module: "notifications" }]);
    expect(formatFaults(parseFaults("delay:notifications=20"))).toBe("delay:notifications=20");
    const deliver = delayFault.effects({ kind: "delay", minMs: 40, maxMs: 40, module: "slow" }, () => 0.5, { supervised: false }).deliver;
    const timed = async (subscriber: string) => {
      const started = performance.now();
      await deliver?.(async () => {}, subscriber)(envelope({}), { attempt: 1 });
      return performance.now() - started;
    };
    expect(await timed("slow")).toBeGreaterThanOrEqual(39);
    expect(await timed("other")).toBeLessThan(20);
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

  it("takes inline delivery away when a fault touches events, and keeps it when faults touch calls only", async () => {
    expect(faulty("").dispatchInline).toBeDefined();
    expect(faulty("latency:echo=5").dispatchInline).toBeDefined();
    expect(await faulty("delay=5").dispatchInline?.(envelope({}), [])).toBeUndefined();
    expect(await faulty("strict").dispatchInline?.(envelope({}), [])).toBeUndefined();
  });
});

describe("faults added while the process runs (the harness's)", () => {
  it("apply from the next message on, over the process's own, and go again when removed", async () => {
    const transport = createTransport(transports.memory, { delivery }, parseFaults("latency:other=1"), 1, true);
    transport.answer("echo", async (e) => e);
    const control = transport.faults;
    expect(control?.current()).toBe("latency:other=1");
    control?.add("down:echo,latency:other=2");
    expect(control?.current()).toBe("down:echo,latency:other=2");
    const refused = await transport.request("echo", envelope({}), 500).catch((e: unknown) => e);
    expect(isAppError(refused, "service_unavailable")).toBe(true);
    control?.add("");
    expect(control?.current()).toBe("latency:other=1");
    expect((await transport.request("echo", envelope({ n: 1 }), 500)).payload).toEqual({ n: 1 });
  });

  it("deliver inline while no fault touches events, and hand events to the channel while one does", async () => {
    const transport = createTransport(transports.memory, { delivery }, [], 1, true);
    const handled: string[] = [];
    transport.consume("reader", async (e) => void handled.push(e.id));
    expect(await transport.dispatchInline?.(envelope({}), ["reader"])).toBeDefined();
    transport.faults?.add("duplicate=1");
    expect(await transport.dispatchInline?.(envelope({}), ["reader"])).toBeUndefined();
    await transport.dispatch(envelope({}), ["reader"]);
    expect(handled).toHaveLength(3);
  });

  it("skews the clock of the modules named, and only theirs; a skew added at run time applies at once", () => {
    const transport = createTransport(transports.memory, { delivery }, parseFaults("clock:warehouse=+300000,clock:orders=-5000"), 1, true);
    expect(["warehouse", "orders", "users"].map((m) => transport.clockOffsetMs?.(m))).toEqual([300_000, -5000, 0]);
    transport.faults?.add("clock:users=+1");
    expect(["warehouse", "orders", "users"].map((m) => transport.clockOffsetMs?.(m))).toEqual([300_000, -5000, 1]);
    expect(formatFaults(parseFaults("clock:orders=-5000,clock:orders=+7"))).toBe("clock:orders=+7");
    expect(() => parseFaults("clock:orders=5000")).toThrow(/clock:<module>=<\+\|-><ms>/);
  });
});

describe("call faults", () => {
  /** A transport under `written` whose echo module counts the calls that reach it. */
  const echoing = (written: string, seed = 1) => {
    const transport = faulty(written, seed);
    const reached = { count: 0 };
    transport.answer("echo", async (e) => (reached.count++, e));
    return { transport, reached };
  };
  const failureOf = (work: Promise<unknown>) =>
    work.then(
      () => undefined,
      (e: unknown) => e,
    );

  it("error answers with its code, without reaching the module, for its share of calls on a seed", async () => {
    const { transport, reached } = echoing("error:echo=payment_declined");
    const error = await failureOf(transport.request("echo", envelope({}), 500));
    expect([isAppError(error, "payment_declined"), reached.count]).toEqual([true, 0]);
    const outcomes = async (seed: number) => {
      const { transport: t } = echoing("error:echo=payment_declined@0.5", seed);
      const results: boolean[] = [];
      for (let i = 0; i < 20; i++) results.push((await failureOf(t.request("echo", envelope({}), 500))) === undefined);
      return results;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(2);
    expect(first.filter((answered) => !answered).length).toBeGreaterThan(2);
  });

  it("blackhole waits the whole timeout and times out, never reaching the module", async () => {
    const { transport, reached } = echoing("blackhole:echo");
    const started = performance.now();
    const error = await failureOf(transport.request("echo", envelope({}), 60));
    expect([isAppError(error, "call_timeout"), reached.count]).toEqual([true, 0]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("lose-reply lets the module do its work, then loses the answer: the caller times out after the effect", async () => {
    const { transport, reached } = echoing("lose-reply:echo");
    const started = performance.now();
    const error = await failureOf(transport.request("echo", envelope({}), 60));
    expect([isAppError(error, "call_timeout"), reached.count]).toEqual([true, 1]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("reset lets the module do its work, then fails the caller at once: the effect happened, the deadline is not spent", async () => {
    const { transport, reached } = echoing("reset:echo");
    const started = performance.now();
    const error = await failureOf(transport.request("echo", envelope({}), 5000));
    expect([isAppError(error, "service_unavailable"), reached.count]).toEqual([true, 1]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("down fails at once with service_unavailable; other modules still answer", async () => {
    const { transport, reached } = echoing("down:echo");
    transport.answer("other", async (e) => e);
    const error = await failureOf(transport.request("echo", envelope({}), 500));
    expect([isAppError(error, "service_unavailable"), reached.count]).toEqual([true, 0]);
    expect((await transport.request("other", envelope({ n: 1 }), 500)).payload).toEqual({ n: 1 });
  });

  it("latency with jitter waits within its bounds", async () => {
    const { transport } = echoing("latency:echo=40±20");
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await transport.request("echo", envelope({}), 500);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(18);
      expect(waited).toBeLessThan(400);
    }
  });
});

describe("event faults", () => {
  it("drop loses the first delivery and redelivers it later: the handler runs once, on its second attempt", async () => {
    const transport = faulty("drop:*=40");
    const attempts: number[] = [];
    transport.consume("reader", async (_e, d) => void attempts.push(d.attempt));
    const started = performance.now();
    await transport.dispatch(envelope({}), ["reader"]);
    await eventually(() => expect(attempts).toEqual([2]));
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
  });

  it("poison hands the consumer a payload it cannot read, on every attempt, for the chosen type only", async () => {
    const transport = createTransport(transports.memory, { delivery: { attempts: 2, backoffMs: 1 } }, parseFaults("poison:order.placed"), 1);
    const seen: { type: string; payload: unknown }[] = [];
    transport.consume("reader", async (e) => {
      seen.push({ type: e.type, payload: e.payload });
      if ((e.payload as { poisoned?: string }).poisoned) throw new Error("contract_violation");
    });
    await transport.dispatch(testEnvelope({ type: "order.placed", payload: { n: 1 } }), ["reader"]);
    await transport.dispatch(testEnvelope({ type: "order.confirmed", payload: { n: 2 } }), ["reader"]);
    await eventually(async () => expect(await transport.deadLetters()).toHaveLength(1));
    expect(seen.filter((s) => s.type === "order.placed").map((s) => s.payload)).toEqual([
      { poisoned: "by an injected fault" },
      { poisoned: "by an injected fault" },
    ]);
    expect(seen.filter((s) => s.type === "order.confirmed").map((s) => s.payload)).toEqual([{ n: 2 }]);
  });
});

describe("crash points, simulated in one unsupervised process", () => {
  const attempts = { delivery: { attempts: 3, backoffMs: 1 } };

  it("after-handler: the effect is done, its ack is lost, so the delivery comes again (once, for one fault)", async () => {
    const transport = createTransport(transports.memory, attempts, parseFaults("crash:after-handler:reader:order.placed"), 1);
    const handled: string[] = [];
    transport.consume("reader", async (e, d) => void handled.push(`${e.type}#${d.attempt}`));
    await transport.dispatch(testEnvelope({ type: "order.confirmed" }), ["reader"]);
    await transport.dispatch(testEnvelope({ type: "order.placed" }), ["reader"]);
    await transport.dispatch(testEnvelope({ type: "order.placed" }), ["reader"]);
    await eventually(() => expect(handled).toEqual(["order.confirmed#1", "order.placed#1", "order.placed#2", "order.placed#1"]));
  });

  it("after-reply: the callee did the work, the caller lost the answer (call_timeout), once", async () => {
    const transport = createTransport(transports.memory, attempts, parseFaults("crash:after-reply:orders"), 1);
    let reached = 0;
    transport.answer("payments", async (e) => (reached++, e));
    const call = (source: string) => transport.request("payments", testEnvelope({ source }), 500);
    expect((await call("cart")).source).toBe("cart");
    const lost = await call("orders").catch((e: unknown) => e);
    expect([isAppError(lost, "call_timeout"), reached]).toEqual([true, 2]);
    expect((await call("orders")).source).toBe("orders");
  });

  it("before-relay: the event is committed but never handed to the broker, once; the next dispatch goes through", async () => {
    const transport = createTransport(transports.memory, attempts, parseFaults("crash:before-relay:orders"), 1);
    const handled: string[] = [];
    transport.consume("reader", async (e) => void handled.push(e.id));
    const first = testEnvelope({ source: "orders" });
    await expect(transport.dispatch(first, ["reader"])).rejects.toThrow(/simulated crash: orders committed/);
    await transport.dispatch(first, ["reader"]);
    await eventually(() => expect(handled).toEqual([first.id]));
  });
});
