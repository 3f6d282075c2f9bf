import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { metrics } from "./bench/registry.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** `bun run bench --short`, as CI runs it: every metric of the registry is measured and lands in the JSON as a number. */
it("measures every metric in a short run and reports each as a number", async () => {
  const dir = mkdtempSync(join(tmpdir(), "twofold-bench-test-"));
  try {
    const json = join(dir, "bench.json");
    const child = Bun.spawn([process.execPath, join(ROOT, "scripts", "bench.ts"), "--short", "--json", json], {
      cwd: ROOT,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [code, out, err] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
    expect(code, `${out}\n${err}`).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as { mode: string; metrics: Record<string, { value: unknown; error?: string }> };
    expect(report.mode).toBe("short");
    for (const metric of metrics) {
      const result = report.metrics[metric.id];
      expect(result?.error, metric.id).toBeUndefined();
      expect(Number.isFinite(result?.value), `${metric.id}: ${JSON.stringify(result)}`).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
