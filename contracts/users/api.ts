import * as v from "valibot";
import { Id, Timestamp } from "../ids.ts";

export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email("must be an email address"));
export const PersonName = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200));

export const CreateUserBody = v.object({ name: PersonName, email: Email });
export type CreateUserBody = v.InferOutput<typeof CreateUserBody>;

export const UserView = v.object({ id: Id, name: v.string(), email: v.string(), created_at: Timestamp });
export type UserView = v.InferOutput<typeof UserView>;
