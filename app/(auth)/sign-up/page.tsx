import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';
import { SignUpForm } from '@/components/auth/sign-up-form';

export const metadata: Metadata = { title: 'Create an account' };

export default function SignUpPage() {
  return (
    <>
      <h1>Create an account</h1>
      <p className="lead">Keep your tasks on every device. We will email you a code to confirm your address.</p>
      <SignUpForm />
      <p className="card-footer">
        Already have an account? <AppLink href="/sign-in">Sign in</AppLink>
      </p>
    </>
  );
}
