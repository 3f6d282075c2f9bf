import { SyntaxProblem } from "./errors.ts";

/** A hand-written scanner over one assertion or path; every parser in the flow format reads through it. */
export class Cursor {
  pos = 0;

  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.pos);
  }

  eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.pos += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected \`${token}\``);
  }

  /** Reads a match of `pattern` (sticky) at the current position, after spaces. */
  match(pattern: RegExp): string | undefined {
    this.skipSpace();
    const sticky = new RegExp(pattern.source, "y");
    sticky.lastIndex = this.pos;
    const found = sticky.exec(this.text);
    if (!found) return undefined;
    this.pos = sticky.lastIndex;
    return found[0];
  }

  /** A name: letters, digits, `_` and (after the first character) `-`, so header names read naturally. */
  ident(): string | undefined {
    return this.match(/[A-Za-z_][A-Za-z0-9_-]*/);
  }

  fail(reason: string): never {
    throw new SyntaxProblem(this.text, this.pos, reason);
  }
}
