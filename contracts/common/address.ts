import * as v from "valibot";

const Line = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));

/** A postal address, as checkout and profiles take it. */
export const Address = v.object({
  name: v.optional(Line(200)),
  street: Line(200),
  city: Line(100),
  postal_code: Line(20),
  country: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "must be a two-letter country code")),
});
export type Address = v.InferOutput<typeof Address>;
