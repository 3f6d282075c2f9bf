import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DESCRIPTION_FORMAT, type SystemDescription } from "./description.ts";

/** The exporter a revision must carry for its contracts to be described. */
const EXPORTER = "scripts/contracts.ts";
/** What --use-current-exporter copies into an older revision that has no exporter of its own. */
const EXPORTER_FILES = [EXPORTER, "scripts/contracts"];

export class NoExporterError extends Error {}

function run(command: readonly string[], cwd: string): string {
  const result = Bun.spawnSync([...command], { cwd, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0) throw new Error(`${command.join(" ")} failed (${result.exitCode}): ${result.stderr.toString().trim()}`);
  return result.stdout.toString();
}

/**
 * The contract description of the system as it is at a git revision: the revision is extracted into a
 * temporary directory (git archive, so the repository's worktrees are left alone), shares this checkout's
 * node_modules, and its own exporter writes the description. A revision without an exporter is refused
 * unless `useCurrentExporter`, which describes that revision's modules with this checkout's exporter.
 */
export function describeAtRef(root: string, ref: string, options: { useCurrentExporter?: boolean } = {}): SystemDescription {
  const resolved = Bun.spawnSync(["git", "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, stdout: "pipe", stderr: "pipe" });
  if (resolved.exitCode !== 0) throw new Error(`${ref} is not a git revision of ${root}`);
  const commit = resolved.stdout.toString().trim();
  const dir = mkdtempSync(join(tmpdir(), "twofold-contracts-"));
  try {
    run(["git", "archive", "--format=tar", "-o", join(dir, "revision.tar"), commit], root);
    run(["tar", "-xf", "revision.tar"], dir);
    if (!existsSync(join(dir, EXPORTER))) {
      if (!options.useCurrentExporter) {
        throw new NoExporterError(
          `${ref} (${commit.slice(0, 12)}) has no contract exporter (${EXPORTER}): its contracts cannot be described by itself. ` +
            "Re-run with --use-current-exporter to describe its modules with this checkout's exporter.",
        );
      }
      for (const file of EXPORTER_FILES) cpSync(join(root, file), join(dir, file), { recursive: true });
    }
    if (existsSync(join(root, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    const out = join(dir, "description.json");
    run([process.execPath, EXPORTER, "export", "--out", out], dir);
    const description = JSON.parse(readFileSync(out, "utf8")) as SystemDescription;
    if (description.format !== DESCRIPTION_FORMAT)
      throw new Error(`${ref} exports format ${description.format}; this checkout reads ${DESCRIPTION_FORMAT}`);
    return description;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
