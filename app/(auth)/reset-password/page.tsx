import type { Metadata } from 'next';
import Link from 'next/link';
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
        No code? <Link href="/forgot-password">Start again</Link>
      </p>
    </>
  );
}
