import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { freePort } from "../infra/ports.ts";
import { createLogger } from "../log/logger.ts";
import { launchGroup } from "./process-group.ts";

const dir = mkdtempSync(join(tmpdir(), "twofold-supervision-"));
/** A process that serves /ready on the port it is given and, when told to, exits with code 3 once it has been asked. */
const program = join(dir, "child.ts");
writeFileSync(
  program,
  `const [port, mode] = process.argv.slice(2);
Bun.serve({ port: Number(port), hostname: "127.0.0.1", fetch: () => {
  if (mode === "crash") setTimeout(() => process.exit(3), 20);
  return new Response("ok");
} });`,
);

/** A launcher's records, read back as the JSON lines it wrote. */
const recorded = () => {
  const records: Record<string, unknown>[] = [];
  return { records, log: createLogger({ level: "info", format: "json" }, "launcher", (line) => records.push(JSON.parse(line))) };
};

describe("supervision", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const policy = { backoffMs: 10, maxBackoffMs: 40, maxRestarts: 2, windowMs: 60_000 };

  it("restarts a child that exits unexpectedly, and it serves again", async () => {
    const port = freePort();
    const exits: string[] = [];
    const { records, log } = recorded();
    const group = await launchGroup("test", [{ name: "steady", args: [String(port), "steady"], readyUrl: `http://127.0.0.1:${port}/ready` }], {
      command: [process.execPath, program],
      env: process.env,
      restartPolicy: policy,
      onExit: (name) => exits.push(name),
      log,
    });
    try {
      const first = group.pid("steady");
      process.kill(first, "SIGKILL");
      await eventually(() => expect(records).toContainEqual(expect.objectContaining({ level: "info", child: "steady", msg: "✔ steady is back" })));
      expect(group.pid("steady")).not.toBe(first);
      expect(exits).toEqual(["steady"]);
      expect(records).toContainEqual(
        expect.objectContaining({ level: "warn", service: "launcher", child: "steady", reason: "signal SIGKILL", restart: 1 }),
      );
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).ok).toBe(true);
    } finally {
      await group.stop();
    }
  });

  it("gives up on a crash loop: more than maxRestarts within the window, with the reason", async () => {
    const port = freePort();
    const exits: string[] = [];
    const crashes: (number | null)[] = [];
    const { records, log } = recorded();
    const group = await launchGroup("test", [{ name: "flaky", args: [String(port), "crash"], readyUrl: `http://127.0.0.1:${port}/ready` }], {
      command: [process.execPath, program],
      env: process.env,
      restartPolicy: policy,
      onExit: (name) => exits.push(name),
      onCrash: (_name, code) => crashes.push(code),
      log,
    });
    try {
      await eventually(() => expect(crashes).toEqual([3]));
      expect(exits).toHaveLength(policy.maxRestarts + 1);
      expect(records.filter((r) => r.child === "flaky" && r.restart !== undefined)).toHaveLength(policy.maxRestarts);
      expect(records.at(-1)).toMatchObject({ level: "error", child: "flaky", reason: "exit code 3", exits: 3 });
      expect(records.at(-1)?.msg).toMatch(/flaky exited \(exit code 3\) 3 times within 60 s: a crash loop, giving up/);
    } finally {
      await group.stop();
    }
  });

  it("without a policy, reports the crash and restarts nothing", async () => {
    const port = freePort();
    const crashes: string[] = [];
    const group = await launchGroup("test", [{ name: "once", args: [String(port), "crash"], readyUrl: `http://127.0.0.1:${port}/ready` }], {
      command: [process.execPath, program],
      env: process.env,
      onCrash: (name) => crashes.push(name),
      log: recorded().log,
    });
    try {
      await eventually(() => expect(crashes).toEqual(["once"]));
      expect((await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.ok).toBeFalsy();
    } finally {
      await group.stop();
    }
  });
});
