/** One turn of a tutoring conversation, as a model provider reads it. */
export interface Turn {
  readonly role: "learner" | "tutor";
  readonly content: string;
}

/**
 * The port to a model provider: the tutor's next turn for a lesson's conversation so far. An adapter rejects
 * when the provider cannot answer (down, refusing, broken) and stops waiting when `signal` aborts; the session
 * bounds every answer by its own timeout (exchange.ts), so an adapter need not. Adapters are listed in
 * providers.ts and picked by the TUTOR_PROVIDER setting.
 */
export interface ModelProvider {
  reply(lessonId: string, transcript: readonly Turn[], signal: AbortSignal): Promise<string>;
}
