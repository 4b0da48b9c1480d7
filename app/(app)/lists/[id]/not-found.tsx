import { AppLink } from '@/components/ui/app-link';

/** A list that does not exist, was deleted, or that the person was removed from: all read the same. */
export default function ListNotFound() {
  return (
    <>
      <h1>There is no such list</h1>
      <section aria-label="What happened" className="panel">
        <p>It may have been deleted, or you are no longer one of its members.</p>
        <p>
          <AppLink href="/">Go to all your tasks</AppLink>
        </p>
      </section>
    </>
  );
}
