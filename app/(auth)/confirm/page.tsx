import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { ConfirmForm } from '@/components/auth/confirm-form';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Confirm your email' };

export default async function ConfirmPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const email = firstParam((await searchParams).email);
  return (
    <>
      <h1>Confirm your email</h1>
      <ConfirmForm email={email} />
      <p className="card-footer">
        Already confirmed? <AppLink href="/sign-in">Sign in</AppLink>
      </p>
    </>
  );
}
