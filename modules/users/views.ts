import type * as v from "valibot";
import type { ProfileView, SessionView, UserView } from "../../contracts/users/api.ts";
import type { Session, User } from "./entities.ts";

export const toUserView = (user: User): UserView => ({
  id: user.id,
  name: user.name ?? "",
  email: user.email,
  created_at: user.createdAt.toISOString(),
});

/** What checkout and enrolment need of a profile: a name and an address. */
export const isProfileComplete = (user: User): boolean => Boolean(user.name && user.address);

export const toProfileView = (user: User): ProfileView => ({
  id: user.id,
  email: user.email,
  name: user.name ?? null,
  phone: user.phone ?? null,
  address: user.address ?? null,
  email_verified: Boolean(user.emailVerifiedAt),
  profile_complete: isProfileComplete(user),
  created_at: user.createdAt.toISOString(),
});

export const toSessionView = (session: Session, currentId: string): v.InferOutput<typeof SessionView> => ({
  id: session.id,
  device: session.device,
  created_at: session.createdAt.toISOString(),
  last_seen_at: session.lastSeenAt.toISOString(),
  current: session.id === currentId,
});
