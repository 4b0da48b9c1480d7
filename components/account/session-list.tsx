'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { endSession, type ActiveSession } from '@/lib/client/sessions';
import { sessionKeys, sessionsOptions } from '@/lib/query/sessions';
import styles from './account.module.css';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The account's signed-in devices: this one marked, every other one with its own "Sign out". */
export function SessionList() {
  const sessions = useQuery(sessionsOptions());
  if (sessions.isPending) return <p className="muted">Loading your sessions…</p>;
  if (sessions.isError) {
    return (
      <p role="alert" className="form-error">
        Your sessions could not be loaded. Reload the page to try again.
      </p>
    );
  }
  return (
    <ul className={styles.sessions} aria-label="Active sessions">
      {sessions.data.map((session) => (
        <SessionRow key={session.id} session={session} />
      ))}
    </ul>
  );
}

function SessionRow({ session }: { readonly session: ActiveSession }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => endSession(session.id),
    // Gone either way (404: it had ended already): the list shows what is left.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.mine }),
  });
  const labelId = `session-${session.id}`;
  return (
    <li className={styles.session}>
      <div className={styles.sessionText}>
        <p className={styles.device} id={labelId}>
          {session.device}
          {session.current ? <span className={styles.thisDevice}>This device</span> : null}
        </p>
        <p className="muted">
          Signed in <time dateTime={session.createdAt}>{when.format(new Date(session.createdAt))}</time>
          <LastActive session={session} />
        </p>
        {mutation.isError ? (
          <p role="alert" className="form-error">
            That did not work. Try again.
          </p>
        ) : null}
      </div>
      {session.current ? null : (
        <Button variant="secondary" pending={mutation.isPending} pendingLabel="Signing out…" aria-describedby={labelId} onClick={() => mutation.mutate()}>
          Sign out
        </Button>
      )}
    </li>
  );
}

/** This device is in use right now; another one's last refresh is shown when it differs from its sign-in. */
function LastActive({ session }: { readonly session: ActiveSession }) {
  if (session.current) return <> · Active now</>;
  const lastSeen = when.format(new Date(session.lastSeenAt));
  if (lastSeen === when.format(new Date(session.createdAt))) return null;
  return (
    <>
      {' · '}Last active <time dateTime={session.lastSeenAt}>{lastSeen}</time>
    </>
  );
}
