import { z } from 'zod';
import { FORBIDDEN_IN_LINE, isCleanLine } from '../text-rules';
import { checkTimeZone, NAME_MAX_LENGTH, NAME_TOO_LONG, TIME_ZONE_INVALID } from './profile-rules';

/** Request bodies of the /api/auth endpoints. Emails are trimmed and lower-cased so one person has one account. */
export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'Email addresses are at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address.' }));

/** Mirrors the user pool's password policy (SPEC §1) so people get every rule at once. */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(256, 'Use at most 256 characters.')
  .regex(/[a-z]/, 'Include a lowercase letter.')
  .regex(/[A-Z]/, 'Include an uppercase letter.')
  .regex(/[0-9]/, 'Include a digit.');

const currentPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(256, 'Passwords are at most 256 characters.');

const codeSchema = z
  .string({ error: 'Enter the code from the email.' })
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from the email.');

/** A display name: trimmed, one clean line (lib/auth/profile-rules.ts); empty means none. */
const profileNameSchema = z.string({ error: 'Enter a name.' }).trim().max(NAME_MAX_LENGTH, NAME_TOO_LONG).refine(isCleanLine, FORBIDDEN_IN_LINE);

const nameSchema = profileNameSchema
  .transform((name) => (name.length === 0 ? null : name))
  .nullish()
  .transform((name) => name ?? null);

/** An IANA time zone the runtime knows (it decides the person's "today"). */
export const timeZoneSchema = z.string({ error: TIME_ZONE_INVALID }).refine((zone) => checkTimeZone(zone) === undefined, TIME_ZONE_INVALID);

/** The web form sends the browser's time zone, so "today" is right from the first task. */
export const signUpSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  name: nameSchema,
  timeZone: timeZoneSchema.optional(),
});
export const confirmSchema = z.strictObject({ email: emailSchema, code: codeSchema });
export const emailOnlySchema = z.strictObject({ email: emailSchema });
export const signInSchema = z.strictObject({ email: emailSchema, password: currentPasswordSchema });
export const tokenSchema = z.union([
  signInSchema,
  z.strictObject({ refreshToken: z.string().min(1).max(8192) }),
]);
export const resetPasswordSchema = z.strictObject({ email: emailSchema, code: codeSchema, newPassword: newPasswordSchema });
export const changePasswordSchema = z.strictObject({ oldPassword: currentPasswordSchema, newPassword: newPasswordSchema });

/** PATCH /api/auth/me: the person's display name (null clears it) and IANA time zone. */
export const updateProfileSchema = z
  .strictObject({
    name: profileNameSchema.nullable().optional().transform((name) => (name === '' ? null : name)),
    timeZone: timeZoneSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');

/** POST /api/auth/sign-out: this session, or every session of the account. */
export const signOutSchema = z.strictObject({ everywhere: z.boolean({ error: 'everywhere is true or false.' }).default(false) });

/** DELETE /api/auth/sessions/:id: session ids are the UUIDs Cognito puts in `origin_jti`. */
export const sessionIdParamSchema = z.uuid();
