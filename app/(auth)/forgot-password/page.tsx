import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Forgot password' };

export default async function ForgotPasswordPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const email = firstParam((await searchParams).email);
  return (
    <>
      <h1>Forgot your password?</h1>
      <p className="lead">Enter the email you signed up with and we will send you a code to reset your password.</p>
      <ForgotPasswordForm defaultEmail={email} />
      <p className="card-footer">
        Remembered it? <AppLink href="/sign-in">Sign in</AppLink>
      </p>
    </>
  );
}
