/** Which way a toxic's bytes flow: `upstream` from the client to the server, `downstream` back (Toxiproxy's default). */
export const streams = ["upstream", "downstream"] as const;
export type Stream = (typeof streams)[number];

/** A toxic's settings: every one a whole number (milliseconds, bytes, KB/s, µs), as Toxiproxy's are. */
export type Attributes = Readonly<Record<string, number>>;

/** One toxic on a proxy, in Toxiproxy's JSON shape: `toxicity` is the chance (0..1) that it applies to a connection. */
export interface ToxicOf<T extends string, A extends Attributes> {
  readonly name: string;
  readonly type: T;
  readonly stream: Stream;
  readonly toxicity: number;
  readonly attributes: A;
}

/** Bytes waiting at a toxic: when they first reached the proxy, which latency counts from. */
export interface Waiting {
  readonly data: Uint8Array;
  readonly at: number;
}

/**
 * What a toxic does with one direction of one connection. Bytes stay at the toxic until it passes them, so a
 * toxic removed while it holds bytes (a timeout, a latency's wait) leaves them to flow on, none lost. Once the
 * toxic is removed or the connection ends, every wait rejects, ending the toxic's run wherever it was.
 */
export interface ToxicIO {
  /** The first bytes waiting, without taking them; undefined once the input has ended and nothing waits. */
  peek(): Promise<Waiting | undefined>;
  /** Passes the first `bytes` waiting on, towards the socket. */
  pass(bytes: number): void;
  /** Waits `ms` milliseconds (forever if Infinity). */
  sleep(ms: number): Promise<void>;
  /** Ends the connection once what was passed is written. */
  close(): void;
  /** Resets the connection: both ends see it torn down (TCP RST). */
  reset(): void;
  readonly random: () => number;
}

/**
 * One kind of toxic: its Toxiproxy type and attributes, its written form (`latency=200±50`) and what it does. A
 * new kind is one of these, listed in registry.ts.
 */
export interface ToxicDefinition<T extends string, A extends Attributes> {
  readonly type: T;
  /** The written form, for errors and the README: `latency=<ms>[±<ms>]`. */
  readonly syntax: string;
  readonly description: string;
  /** Every attribute with the value it takes when not given. */
  readonly defaults: A;
  /** The attributes a written value (after `=`; undefined when there is none) stands for, or undefined when it is not one. */
  read(value: string | undefined): A | undefined;
  /** The value `read` reads back to these attributes (undefined: none, the bare type). */
  write(attributes: A): string | undefined;
  run(attributes: A, io: ToxicIO): Promise<void>;
}

/** Declares a toxic kind; the identity function that makes its types flow into the registry's union. */
export const defineToxic = <T extends string, A extends Attributes>(definition: ToxicDefinition<T, A>): ToxicDefinition<T, A> => definition;

/** Passes every byte on as it comes, until the input ends. */
export async function forward(io: ToxicIO): Promise<void> {
  for (let waiting = await io.peek(); waiting; waiting = await io.peek()) io.pass(waiting.data.length);
}
