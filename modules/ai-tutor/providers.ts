import { fakeProvider } from "./fake-provider.ts";
import type { ModelProvider } from "./provider.ts";
import type { TutorContext } from "./settings.ts";

/**
 * Every model provider adapter, in the order TUTOR_PROVIDER numbers them. A real provider is one more adapter
 * of the port (provider.ts), say an HTTP client with its key in a setting, appended here.
 */
const adapters: readonly { readonly name: string; readonly make: (ctx: TutorContext) => ModelProvider }[] = [{ name: "fake", make: fakeProvider }];

/** The adapter the settings pick, and whether it is the fake (whose mode the operator API switches). */
export function chosenProvider(ctx: TutorContext): { readonly provider: ModelProvider; readonly fake: boolean } {
  const adapter = adapters[ctx.settings.TUTOR_PROVIDER];
  if (!adapter) throw new Error(`TWOFOLD_TUTOR_PROVIDER: no provider ${ctx.settings.TUTOR_PROVIDER} (0..${adapters.length - 1})`);
  return { provider: adapter.make(ctx), fake: adapter.make === fakeProvider };
}
