import type { Socket } from "bun";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../../harness/eventually.ts";
import { CLIENT_REUSE_MS, SERVER_IDLE_TIMEOUT_S } from "./idle.ts";
import { boundedKeepAlive, type Fetch } from "./keep-alive.ts";

interface Connection {
  readonly id: number;
  buffered: string;
  /** The server has closed it for idleness, and the client's next request crosses that close on the wire. */
  closing: boolean;
  closed: boolean;
}

/**
 * An HTTP/1.1 server on a raw socket that answers each request with the id of the connection it came on,
 * and whose idle close can be made to meet a request: after `sweep()`, every connection open at that moment
 * is reset when its next request arrives, as a real server's close is when the client sends on the
 * connection just as the server closes it (the race behind an ECONNRESET). That makes the race
 * deterministic instead of a matter of microseconds.
 */
function crossingServer() {
  let next = 0;
  const connections: Connection[] = [];
  const listener = Bun.listen<Connection>({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(socket) {
        socket.data = { id: ++next, buffered: "", closing: false, closed: false };
        connections.push(socket.data);
      },
      data(socket: Socket<Connection>, bytes) {
        const connection = socket.data;
        if (connection.closing) {
          socket.terminate();
          return;
        }
        connection.buffered += bytes.toString();
        for (;;) {
          const end = connection.buffered.indexOf("\r\n\r\n");
          if (end < 0) return;
          const length = Number(/content-length: *(\d+)/i.exec(connection.buffered.slice(0, end))?.[1] ?? 0);
          if (connection.buffered.length < end + 4 + length) return;
          connection.buffered = connection.buffered.slice(end + 4 + length);
          const body = String(connection.id);
          socket.write(`HTTP/1.1 200 OK\r\nconnection: keep-alive\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
        }
      },
      close(socket) {
        socket.data.closed = true;
      },
    },
  });
  return {
    url: `http://127.0.0.1:${listener.port}/cart/items`,
    connections,
    sweep: () => {
      for (const c of connections) c.closing = true;
    },
    stop: () => listener.stop(true),
  };
}

const server = crossingServer();
afterAll(() => server.stop());

/** Two POSTs at once (a parallel step): the outcome of each, the id of its connection or its error's code. */
const twoAtOnce = (send: Fetch) =>
  Promise.all(
    [1, 2].map((n) =>
      send(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n }) }).then(
        async (response) => Number(await response.text()),
        (error: { code?: string }) => error.code ?? String(error),
      ),
    ),
  );

describe("a keep-alive client that stops reusing idle connections", () => {
  it("a POST sent on a pooled connection as the server closes it fails: Bun's fetch does not send it again", async () => {
    const plain = new Bun.FetchSession();
    expect(await twoAtOnce(plain.fetch)).toEqual([expect.any(Number), expect.any(Number)]);
    server.sweep();
    expect(await twoAtOnce(plain.fetch)).toContain("ECONNRESET");
    plain.close();
  });

  it("reuses its connections while they are busy, and sends on none that idled for its bound", async () => {
    let now = 0;
    const send = boundedKeepAlive(1000, () => now);
    const first = await twoAtOnce(send);
    now += 999;
    const busy = await twoAtOnce(send);
    // Two at once may have opened one connection or two; either way the busy pair reuses what is pooled.
    expect(busy.some((id) => first.includes(id))).toBe(true);
    const used = [...first, ...busy];

    // Idle up to the bound, the moment the server closes them: the next requests go on new connections.
    now += 1000;
    server.sweep();
    const later = await twoAtOnce(send);
    expect(later).toEqual([expect.any(Number), expect.any(Number)]);
    for (const id of later) expect(used).not.toContain(id);
    // and the client closes the connections it no longer uses, instead of waiting for the server to.
    await eventually(() => expect(server.connections.filter((c) => used.includes(c.id)).every((c) => c.closed)).toBe(true));
  });

  it("the servers' idle timeout leaves the clients' bound a margin: Bun closes idle connections on a 4 s sweep", () => {
    const soonestClose = (Math.ceil(SERVER_IDLE_TIMEOUT_S / 4) - 1) * 4000;
    expect(soonestClose - CLIENT_REUSE_MS).toBeGreaterThanOrEqual(5000);
  });
});
