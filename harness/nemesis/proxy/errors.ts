/** A fault, toxic or address the proxy could not read: a mistake of whoever wrote it, naming the part and why. */
export class ProxySpecError extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
  ) {
    super(`cannot read "${part}": ${reason}`);
    this.name = "ProxySpecError";
  }
}

/** A proxy or toxic given a name another one already has (Toxiproxy's 409). */
export class NameTakenError extends Error {
  constructor(readonly what: string) {
    super(`${what} already exists`);
    this.name = "NameTakenError";
  }
}
