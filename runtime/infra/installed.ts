import type { Logger } from "../log/logger.ts";
import { toolLog } from "./tool-log.ts";

/**
 * A program the project needs from the system: found on PATH (or where Debian puts it), else installed with
 * apt on Debian as root, else an error that says how to get it.
 */
export async function installed(
  program: { names: readonly string[]; debianPackage: string; howTo: string },
  log: Logger = toolLog(),
): Promise<string> {
  const find = async () => {
    for (const name of program.names) {
      const found = Bun.which(name) ?? ((await Bun.file(`/usr/bin/${name}`).exists()) ? `/usr/bin/${name}` : null);
      if (found) return found;
    }
    return null;
  };
  const found = await find();
  if (found) return found;
  if ((await Bun.file("/etc/debian_version").exists()) && process.getuid?.() === 0) {
    log.info(
      { program: program.names[0], package: program.debianPackage },
      `${program.names[0]} not found; installing ${program.debianPackage} with apt-get`,
    );
    const install = () => Bun.spawnSync(["apt-get", "install", "-y", "-q", program.debianPackage], { stdout: "ignore", stderr: "inherit" });
    if (install().exitCode !== 0) {
      Bun.spawnSync(["apt-get", "update", "-q"], { stdout: "ignore", stderr: "inherit" });
      install();
    }
    const now = await find();
    if (now) return now;
  }
  throw new Error(`${program.names[0]} is not installed: ${program.howTo}`);
}
