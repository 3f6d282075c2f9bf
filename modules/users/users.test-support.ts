import type { InProcessSystem } from "../../harness/in-process.ts";
import { DEVELOPMENT_OPERATOR_KEY } from "../../runtime/config.ts";
import { OPERATOR_KEY_HEADER } from "../../runtime/module-api/index.ts";

/** Helpers the users tests share: headers, unique emails, and the register and login steps. */
export const operator = { headers: { [OPERATOR_KEY_HEADER]: DEVELOPMENT_OPERATOR_KEY } };
export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
export const uniqueEmail = (who: string) => `${who}-${crypto.randomUUID().slice(0, 8)}@example.com`;

interface TokenPayload {
  readonly user_id: string;
  readonly email: string;
  readonly token: string;
  readonly expires_at: string;
}

/** The token an event of `type` carried to `email` (what the mail room would deliver). */
export async function mailedToken(system: InProcessSystem, type: string, email: string): Promise<TokenPayload> {
  const event = await system.client.events.expect(type, (e) => (e.payload as TokenPayload).email === email);
  return event.payload as TokenPayload;
}

/** Registers and answers the new profile's id and the verification token sent for it. */
export async function register(system: InProcessSystem, email: string, password: string, name?: string) {
  const response = await system.client.http.post("/api/v1/auth/register", { email, password, name });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${JSON.stringify(response.body)}`);
  const { token } = await mailedToken(system, "user.verification_requested", email);
  return { id: response.body.id as string, verifyToken: token };
}

/** Logs in and answers the session token. */
export async function login(system: InProcessSystem, email: string, password: string, device?: string): Promise<string> {
  const response = await system.client.http.post("/api/v1/auth/login", { email, password, device });
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.token as string;
}
