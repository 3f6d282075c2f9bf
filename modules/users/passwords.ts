import type { UsersSettings } from "./settings.ts";

const options = (settings: UsersSettings) =>
  ({ algorithm: "argon2id", memoryCost: settings.PASSWORD_MEMORY_KIB, timeCost: settings.PASSWORD_TIME_COST }) as const;

export const hashPassword = (password: string, settings: UsersSettings): Promise<string> => Bun.password.hash(password, options(settings));

let dummy: { key: string; hash: Promise<string> } | undefined;

/** A hash of nothing anyone knows, with the live parameters, so a miss costs what a hit costs. */
const dummyHash = (settings: UsersSettings): Promise<string> => {
  const key = `${settings.PASSWORD_MEMORY_KIB}:${settings.PASSWORD_TIME_COST}`;
  if (dummy?.key !== key) dummy = { key, hash: hashPassword(crypto.randomUUID(), settings) };
  return dummy.hash;
};

/**
 * Checks a password against a stored hash. Without a hash (unknown email, or a user an operator created)
 * it still verifies against a dummy and fails, so response time does not reveal which accounts exist.
 */
export async function passwordMatches(password: string, hash: string | null | undefined, settings: UsersSettings): Promise<boolean> {
  if (!hash) {
    await Bun.password.verify(password, await dummyHash(settings));
    return false;
  }
  return Bun.password.verify(password, hash);
}
