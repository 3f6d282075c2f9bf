import type { ProgressEvent } from "../run/harness.ts";

/**
 * Live progress on stderr: on a terminal one line rewritten in place (profile, suite, checks done, elapsed),
 * otherwise a line per check so CI logs show the same.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (event: ProgressEvent) => void {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const tty = stream.isTTY;
  let failed = 0;
  return (event) => {
    if (event.type === "profile") {
      if (event.phase === "starting") failed = 0;
      const text = event.phase === "ready" ? `ready in ${event.startupMs?.toFixed(0)} ms` : event.phase;
      stream.write(`${tty ? "\r\x1b[2K" : ""}▶ ${event.profile}: ${text} (${elapsed()})\n`);
      return;
    }
    if (!event.run.passed) failed++;
    const mark = event.run.passed ? "✓" : "✗";
    const line = `  ${event.profile} ${event.done}/${event.total}${failed ? ` (${failed} failed)` : ""} ${mark} ${event.run.suite} › ${event.run.check} · ${elapsed()}`;
    if (!tty) stream.write(`${line}\n`);
    else if (!event.run.passed) stream.write(`\r\x1b[2K${line}\n`);
    else stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
  };
}
