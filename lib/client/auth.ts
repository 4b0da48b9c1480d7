/** Typed calls to the /api/auth endpoints, for the browser. zod/mini keeps the checks out of the way of the bundle size. */
import * as z from 'zod/mini';
import { apiFetch } from './api';
import { deviceTimeZone } from './device-time-zone';
import { sessionStarted } from './session';

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  timeZone: z.optional(z.nullable(z.string())),
});

export type User = z.infer<typeof userSchema>;

const signUpResponseSchema = z.object({ userConfirmed: z.boolean() });
const userResponseSchema = z.object({ user: userSchema });

export type SignUpInput = { email: string; password: string; name?: string };
export type SignInInput = { email: string; password: string };
export type ConfirmInput = { email: string; code: string };
export type ResetPasswordInput = { email: string; code: string; newPassword: string };
export type ChangePasswordInput = { oldPassword: string; newPassword: string };

/** Signs up with the browser's time zone, which decides the person's "today" from the first task. */
export async function signUp(input: SignUpInput): Promise<{ userConfirmed: boolean }> {
  const timeZone = deviceTimeZone();
  return signUpResponseSchema.parse(await apiFetch('/api/auth/sign-up', { method: 'POST', body: { ...input, ...(timeZone ? { timeZone } : {}) } }));
}

export async function confirmSignUp(input: ConfirmInput): Promise<void> {
  await apiFetch('/api/auth/confirm', { method: 'POST', body: input });
}

export async function resendCode(email: string): Promise<void> {
  await apiFetch('/api/auth/resend-code', { method: 'POST', body: { email } });
}

export async function signIn(input: SignInInput): Promise<User> {
  const { user } = userResponseSchema.parse(await apiFetch('/api/auth/sign-in', { method: 'POST', body: input }));
  sessionStarted();
  return user;
}

export async function forgotPassword(email: string): Promise<void> {
  await apiFetch('/api/auth/forgot-password', { method: 'POST', body: { email } });
}

export async function resetPassword(input: ResetPasswordInput): Promise<void> {
  await apiFetch('/api/auth/reset-password', { method: 'POST', body: input });
}

export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await apiFetch('/api/auth/change-password', { method: 'POST', body: input });
}

export async function deleteAccount(): Promise<void> {
  await apiFetch('/api/auth/me', { method: 'DELETE' });
}

export type ProfileInput = { name: string | null; timeZone: string };

/** Saves the person's name (null clears it) and time zone; answers the profile as it now is. */
export async function updateProfile(input: ProfileInput): Promise<User> {
  return userResponseSchema.parse(await apiFetch('/api/auth/me', { method: 'PATCH', body: input })).user;
}
