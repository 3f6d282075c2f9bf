import { describe, expect, it } from "vitest";
import { testEnvelope } from "../bus/envelope.test-support.ts";
import { EventTap } from "./event-tap.ts";

const envelope = (id: string) => testEnvelope({ id, correlationId: id });

describe("event tap", () => {
  it("pages by sequence number", async () => {
    const tap = new EventTap();
    tap.record(envelope("a"));
    tap.record(envelope("b"));
    expect((await tap.since(0, 0)).map((e) => e.envelope.id)).toEqual(["a", "b"]);
    expect((await tap.since(1, 0)).map((e) => e.envelope.id)).toEqual(["b"]);
  });

  it("wakes a long-poll as soon as an event arrives", async () => {
    const tap = new EventTap();
    const waiting = tap.since(0, 5000);
    tap.record(envelope("c"));
    const started = performance.now();
    expect((await waiting).map((e) => e.envelope.id)).toEqual(["c"]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
