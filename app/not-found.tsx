import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="page-center">
      <div className="card">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <Link href="/">Go to your tasks</Link>
        </p>
      </div>
    </main>
  );
}
