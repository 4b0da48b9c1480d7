import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Notice } from '@/components/ui/notice';
import { safeNextPath } from '@/lib/safe-redirect';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Sign in' };

const NOTES: Readonly<Record<string, string>> = {
  confirmed: 'Your account is confirmed. Sign in to continue.',
  reset: 'Your password has been reset. Sign in with your new password.',
  deleted: 'Your account and all its data have been deleted.',
};

export default async function SignInPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const params = await searchParams;
  const note = Object.keys(NOTES).find((key) => firstParam(params[key]) === '1');
  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">Welcome back. Sign in to see your tasks.</p>
      {note ? <Notice>{NOTES[note]}</Notice> : null}
      <SignInForm defaultEmail={firstParam(params.email)} next={safeNextPath(firstParam(params.next))} />
      <p className="card-footer">
        New to Todoer? <AppLink href="/sign-up">Create an account</AppLink>
      </p>
    </>
  );
}
