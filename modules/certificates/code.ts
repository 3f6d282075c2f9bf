/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A certificate's public verification code: `CERT-` and twelve random symbols (60 bits), unguessable by enumeration. */
export function newVerificationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `CERT-${Array.from(bytes, (b) => ALPHABET[b % 32]).join("")}`;
}
