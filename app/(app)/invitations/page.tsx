import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { InvitationList } from '@/components/lists/invitation-list';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Invitations' };

/** Where the invitation email links to: the lists people have invited this person to. */
export default async function InvitationsPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?next=%2Finvitations');
  return (
    <>
      <h1>Invitations</h1>
      <section aria-labelledby="invitations-heading" className="panel">
        <h2 id="invitations-heading" className="visually-hidden">
          Invitations waiting for you
        </h2>
        <InvitationList variant="page" />
      </section>
    </>
  );
}
