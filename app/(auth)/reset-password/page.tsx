import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Reset password' };

export default async function ResetPasswordPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const email = firstParam((await searchParams).email);
  return (
    <>
      <h1>Reset your password</h1>
      <ResetPasswordForm email={email} />
      <p className="card-footer">
        No code? <AppLink href="/forgot-password">Start again</AppLink>
      </p>
    </>
  );
}
