import type { DeadLetter } from "../../runtime/bus/transport.ts";
import type { SystemClient } from "../system/client.ts";

const keyOf = (d: DeadLetter) => `${d.envelope.id} ${d.subscriber}`;

/** Every event delivery the system gave up on so far. */
async function deadLetters(sys: SystemClient): Promise<DeadLetter[]> {
  const { status, body } = await sys.http.get<{ dead_letters: DeadLetter[] }>("/__twofold/dead-letters");
  if (status !== 200) throw new Error(`dead letters answered ${status}: ${JSON.stringify(body)}`);
  return body.dead_letters;
}

/**
 * A request can break a subscriber long after it was answered (a stock level the read model cannot hold):
 * the deliveries given up on while the fuzzer ran are its failures too. Read before, then once idle after.
 */
export async function deadLettersSince(sys: SystemClient): Promise<() => Promise<DeadLetter[]>> {
  const before = new Set((await deadLetters(sys)).map(keyOf));
  return async () => {
    await sys.idle({ timeoutMs: 30_000 });
    return (await deadLetters(sys)).filter((d) => !before.has(keyOf(d)));
  };
}
