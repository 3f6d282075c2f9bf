import { AppError } from "../../errors.ts";
import { MODULE } from "./grammar.ts";
import { defineFault } from "./model.ts";

export interface DownFault {
  readonly kind: "down";
  readonly module: string;
}

/** One module is down: its calls fail at once with service_unavailable (a refused connection), unsent. */
export const downFault = defineFault<DownFault>({
  kind: "down",
  syntax: "down:<module>",
  description: "calls into <module> fail at once with service_unavailable, as a refused connection",
  parse: (part) => {
    const match = new RegExp(`^down:${MODULE}$`).exec(part);
    return match?.[1] ? { kind: "down", module: match[1] } : undefined;
  },
  format: (spec) => `down:${spec.module}`,
  key: (spec) => `down:${spec.module}`,
  effects: (spec) => ({
    request: (next) => async (target, envelope, timeoutMs) => {
      if (target !== spec.module) return next(target, envelope, timeoutMs);
      throw new AppError("service_unavailable", `${target} is down (an injected fault): ${envelope.type} was not sent`);
    },
  }),
});
