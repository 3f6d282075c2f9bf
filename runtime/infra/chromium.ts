import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { installed } from "./installed.ts";

/**
 * Flags for a headless Chromium that works as root in a container and stays offline: no sandbox (root), no
 * GPU, and none of the background traffic (updates, sync, QUIC probes) that would otherwise hit the network.
 */
function headlessFlags(userDataDir: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${userDataDir}`,
  ];
}

/** A Chromium executable from PATH; on Debian as root it is installed with apt, elsewhere we say how to get it. */
export const ensureChromium = (): Promise<string> =>
  installed({
    names: ["chromium", "chromium-browser"],
    debianPackage: "chromium",
    howTo: "install it (Debian: apt-get install chromium, macOS: brew install --cask chromium)",
  });

export interface RenderedPage {
  /** The DOM after the page's scripts ran. */
  readonly dom: string;
  /** Every non-file URL the page itself asked for (images, scripts, fetches), from Chromium's net log. */
  readonly requests: readonly string[];
}

/**
 * Loads a local HTML file (or a page a local server serves, by its http URL) headless and reports its DOM and
 * the requests it made. The virtual-time budget lets inline JS finish before the dump; the timeout guards
 * against a browser that never exits. Host resolution is disabled (but for 127.0.0.1, where a local server
 * is) so the browser's own background traffic (Google time/account probes, which the flags don't fully stop)
 * never leaves the machine; those requests have no page origin and are not counted.
 */
export async function renderPage(chromium: string, file: string, timeoutMs = 30_000): Promise<RenderedPage> {
  const dir = mkdtempSync(join(tmpdir(), "twofold-chromium-"));
  const netLog = join(dir, "net-log.json");
  try {
    const child = Bun.spawn(
      [
        chromium,
        ...headlessFlags(join(dir, "profile")),
        "--virtual-time-budget=5000",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        `--log-net-log=${netLog}`,
        "--dump-dom",
        /^https?:\/\//.test(file) ? file : pathToFileURL(resolve(file)).href,
      ],
      { stdout: "pipe", stderr: "pipe" },
    );
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const [dom, errors, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    clearTimeout(timer);
    if (code !== 0 || !dom.trim()) {
      throw new Error(
        `chromium --dump-dom ${file} exited ${code}${child.signalCode ? ` (${child.signalCode})` : ""}: ${errors.trim().split("\n").slice(-3).join(" | ")}`,
      );
    }
    return { dom, requests: pageRequests(await Bun.file(netLog).json()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface NetLog {
  readonly constants: { readonly logEventTypes: Record<string, number> };
  readonly events: readonly { readonly type: number; readonly params?: { readonly url?: string; readonly initiator?: string } }[];
}

/** URL requests a document started: the browser's own carry the initiator "not an origin". */
function pageRequests(log: NetLog): string[] {
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return [
    ...new Set(
      log.events.flatMap((e) =>
        e.type === start && e.params?.url && e.params.initiator !== "not an origin" && !/^(file|data):/.test(e.params.url) ? [e.params.url] : [],
      ),
    ),
  ];
}
