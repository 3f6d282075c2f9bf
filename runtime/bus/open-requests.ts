/**
 * The requests this process is answering, by conversation (correlation id): what the `after-response` fault
 * holds a conversation's events back for. Observation requests (the harness's reads) are not counted.
 */
class OpenRequests {
  private readonly open = new Map<string, number>();
  private readonly waiters = new Map<string, (() => void)[]>();

  enter(correlationId: string): void {
    this.open.set(correlationId, (this.open.get(correlationId) ?? 0) + 1);
  }

  leave(correlationId: string): void {
    const left = (this.open.get(correlationId) ?? 1) - 1;
    if (left > 0) return void this.open.set(correlationId, left);
    this.open.delete(correlationId);
    for (const wake of this.waiters.get(correlationId) ?? []) wake();
    this.waiters.delete(correlationId);
  }

  /** Resolves once no request of the conversation is being answered here (at once when none is). */
  closed(correlationId: string): Promise<void> {
    if (!this.open.has(correlationId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(correlationId, [...(this.waiters.get(correlationId) ?? []), resolve]));
  }
}

export const openRequests = new OpenRequests();
