import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TraceRecorder } from "./trace.ts";

const dir = mkdtempSync(join(tmpdir(), "twofold-trace-test-"));
let files = 0;
const freshFile = () => join(dir, `orders-${++files}.jsonl`);
const request = (recorder: TraceRecorder, correlationId: string, path = "/api/v1/orders") =>
  recorder.http({ method: "POST", path, status: 202, durationMs: 3, correlationId });
const paths = (recorder: TraceRecorder, prefix: string) => recorder.find(prefix).map((e) => e.name);

/** A process killed with SIGKILL and started again (split's supervisor) keeps the trace of its previous life. */
describe("a trace written through to a file", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is read back by the next life of the process, which goes on after it", () => {
    const file = freshFile();
    const first = new TraceRecorder("orders", file);
    request(first, "h1-split-7-1");
    request(first, "h1-split-8-1");
    const next = new TraceRecorder("orders", file);
    request(next, "h1-split-7-2", "/api/v1/orders/1");
    expect(paths(next, "h1-split-7-")).toEqual(["POST /api/v1/orders", "POST /api/v1/orders/1"]);
    expect(next.find("h1-split-8-")).toHaveLength(1);
  });

  it("drops a line the kill cut short, and the next life's first entry does not run on from it", () => {
    const file = freshFile();
    request(new TraceRecorder("orders", file), "h2-split-1-1");
    appendFileSync(file, '{"kind":"http","process":"ord');
    const next = new TraceRecorder("orders", file);
    request(next, "h2-split-1-2", "/api/v1/cart");
    expect(paths(new TraceRecorder("orders", file), "h2-split-1-")).toEqual(["POST /api/v1/orders", "POST /api/v1/cart"]);
  });

  it("rotates past a ring's worth of lines, and the next life reads the last ring's worth across both files", () => {
    const file = freshFile();
    const first = new TraceRecorder("orders", file);
    request(first, "h3-split-0-1");
    for (let i = 0; i < 50_000; i++) request(first, "h3-split-1-1");
    request(first, "h3-split-2-1");
    expect(readFileSync(`${file}.1`, "utf8").split("\n").filter(Boolean)).toHaveLength(50_000);
    const next = new TraceRecorder("orders", file);
    expect([next.find("h3-split-0-").length, next.find("h3-split-1-").length, next.find("h3-split-2-").length]).toEqual([0, 49_999, 1]);
  });
});
