/**
 * The checkout saga: reserve stock → charge payment → commit the reservation → confirm the order (the
 * confirmation event notifies the customer and clears the cart). An operator order reserves before it is
 * created and only commits; it then stays pending (payment is collected offline).
 */
export type Source = "checkout" | "operator";

export type ForwardStep = "reserve" | "charge" | "commit" | "confirm";
export type CompensationStep = "refund" | "release" | "cancel";
export type Step = ForwardStep | CompensationStep | "done";

const plans: Record<Source, readonly ForwardStep[]> = {
  checkout: ["reserve", "charge", "commit", "confirm"],
  operator: ["commit"],
};

/** What undoes each forward step; confirm and commit need no undo of their own (refund covers the money). */
const undo: Partial<Record<ForwardStep, CompensationStep>> = { charge: "refund", reserve: "release" };

export const firstStep = (source: Source): Step => plans[source][0] ?? "done";

export const forwardSteps = (source: Source): readonly ForwardStep[] => plans[source];

export function nextStep(source: Source, current: ForwardStep): Step {
  const plan = plans[source];
  return plan[plan.indexOf(current) + 1] ?? "done";
}

/**
 * Forward steps whose undo needs nothing from their reply: release goes by order id and does nothing when
 * nothing is held. A saga that gives up on one without an answer (its call timed out, or orders died while
 * it was out) cannot tell whether it went through, so it undoes it too: a reservation made unseen is
 * released now instead of holding stock until it expires. (A charge made unseen is found by the late-payment
 * handler and refunded: its refund needs the charge.)
 */
const undoneUnseen: readonly ForwardStep[] = ["reserve"];

/** `done`, plus the step given up on when it may have happened unseen and can be undone blind. */
export const doneOrMaybe = (done: readonly string[], givenUp: string): string[] =>
  undoneUnseen.includes(givenUp as ForwardStep) && !done.includes(givenUp) ? [...done, givenUp] : [...done];

/** The compensations of the steps done so far, in reverse order, ending with cancelling the order. */
export function compensations(done: readonly string[]): CompensationStep[] {
  const steps = [...done].reverse().flatMap((step) => {
    const compensation = undo[step as ForwardStep];
    return compensation ? [compensation] : [];
  });
  return [...steps, "cancel"];
}

export const isForward = (step: string): step is ForwardStep => ["reserve", "charge", "commit", "confirm"].includes(step);
