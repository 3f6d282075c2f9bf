import { defineFault } from "./model.ts";

export interface DuplicateFault {
  readonly kind: "duplicate";
  readonly rate: number;
}

/**
 * Each delivery is repeated with probability `rate`, as an at-least-once broker may: a second, distinct
 * delivery of the same event (its own job on BullMQ), running beside the first.
 */
export const duplicateFault = defineFault<DuplicateFault>({
  kind: "duplicate",
  syntax: "duplicate=<0..1>",
  description: "each delivery is repeated with that probability",
  parse: (part) => {
    const match = /^duplicate=(0(\.\d+)?|1(\.0+)?)$/.exec(part);
    return match?.[1] ? { kind: "duplicate", rate: Number(match[1]) } : undefined;
  },
  format: (spec) => `duplicate=${spec.rate}`,
  key: () => "duplicate",
  effects: (spec, random) => ({
    dispatch: (next) => async (envelope, subscribers, options) => {
      const twins = subscribers.filter(() => random() < spec.rate);
      await Promise.all([
        next(envelope, subscribers, options),
        twins.length > 0 ? next(envelope, twins, { redelivery: `${options?.redelivery ?? ""}twin` }) : undefined,
      ]);
    },
  }),
});
