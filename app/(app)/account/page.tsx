import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { DeleteAccount } from '@/components/account/delete-account';
import { ExportImport } from '@/components/account/export-import';
import { ProfileForm } from '@/components/account/profile-form';
import { SessionList } from '@/components/account/session-list';
import { SignOutEverywhere } from '@/components/account/sign-out-everywhere';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?next=%2Faccount');

  return (
    <>
      <h1>Account</h1>

      <section aria-labelledby="profile-heading" className="panel">
        <h2 id="profile-heading">Profile</h2>
        <ProfileForm user={user} />
      </section>

      <section aria-labelledby="password-heading" className="panel">
        <h2 id="password-heading">Change password</h2>
        <ChangePasswordForm email={user.email} />
      </section>

      <section aria-labelledby="sessions-heading" className="panel">
        <h2 id="sessions-heading">Sessions</h2>
        <SessionList />
        <SignOutEverywhere />
      </section>

      <ExportImport />

      <section aria-labelledby="delete-heading" className="panel panel-danger">
        <h2 id="delete-heading">Delete account</h2>
        <p>Deleting your account removes your profile, all your tasks and their attachments for good.</p>
        <DeleteAccount email={user.email} />
      </section>
    </>
  );
}
