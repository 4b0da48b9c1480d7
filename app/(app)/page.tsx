import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Your tasks' };

export default function HomePage() {
  return (
    <>
      <h1>Your tasks</h1>
      <section aria-label="Tasks" className="panel">
        <p className="empty-state">No tasks yet.</p>
      </section>
    </>
  );
}
