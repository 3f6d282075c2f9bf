/** Readers for the values of the written form: whole numbers only, as every Toxiproxy attribute is one. */
const WHOLE = /^\d+$/;

/** A whole number, or undefined when the text is not one. */
export const whole = (text: string | undefined): number | undefined => (text !== undefined && WHOLE.test(text) ? Number(text) : undefined);

/** `<n>` or `<n>±<m>` (`+-` also reads as `±`): the value and its variation (0 when not written). */
export function spread(text: string | undefined): { value: number; variation: number } | undefined {
  const [value, variation, extra] = (text ?? "").split(/±|\+-/);
  const read = { value: whole(value), variation: variation === undefined ? 0 : whole(variation) };
  if (extra !== undefined || read.value === undefined || read.variation === undefined) return undefined;
  return { value: read.value, variation: read.variation };
}

/** `<n>±<m>`, or `<n>` when the variation is 0. */
export const writeSpread = (value: number, variation: number): string => (variation === 0 ? `${value}` : `${value}±${variation}`);
