import 'server-only';
import { ForbiddenError } from '../errors';
import type { Actor } from '../events/build';
import { loadIdentity, loadProfile, type PublicUser } from './service';
import type { AuthenticatedUser } from './session';

/**
 * Who the verified caller is, as the features need it: their profile (memberships record email and
 * name), their display name for activity, and their verified email for invitations.
 */

const PROFILE_TTL_MS = 5 * 60 * 1000;
const MAX_CACHED = 1000;
const profiles = new Map<string, { profile: PublicUser; expires: number }>();

/** The caller's profile, kept a few minutes per process: names change rarely, writes are frequent. */
export async function callerProfile(user: AuthenticatedUser): Promise<PublicUser> {
  const cached = profiles.get(user.id);
  if (cached && cached.expires > Date.now()) return cached.profile;
  const profile = await loadProfile(user.accessToken, user.id);
  if (profiles.size >= MAX_CACHED) profiles.delete(profiles.keys().next().value!);
  profiles.set(user.id, { profile, expires: Date.now() + PROFILE_TTL_MS });
  return profile;
}

/** Forgets this process's copy after the person changed their profile here. */
export function forgetProfile(userId: string): void {
  profiles.delete(userId);
}

export async function callerActor(user: AuthenticatedUser): Promise<Actor> {
  const profile = await callerProfile(user);
  return { id: profile.id, name: profile.name ?? profile.email };
}

/** Read fresh from Cognito: only a verified address may receive what was sent to it. */
export async function callerWithVerifiedEmail(user: AuthenticatedUser): Promise<PublicUser> {
  const { user: profile, emailVerified } = await loadIdentity(user.accessToken, user.id);
  if (!emailVerified) throw new ForbiddenError('Confirm your email address first.');
  return profile;
}
