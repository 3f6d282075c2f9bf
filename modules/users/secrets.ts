import { createHash, randomBytes } from "node:crypto";

/** A bearer secret: 32 random bytes, base64url. */
export const newSecret = (): string => randomBytes(32).toString("base64url");

/** What is stored instead of a secret: enough to recognise it, useless to someone who reads the table. */
export const digest = (secret: string): string => createHash("sha256").update(secret).digest("hex");
