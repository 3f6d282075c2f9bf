import * as v from "valibot";

/** Ids are opaque strings on the wire; no consumer may assume a format (seed 000's user_id bug). */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const Timestamp = v.pipe(v.string(), v.isoTimestamp());
