import type { Metadata } from 'next';
import { AppLink } from '@/components/ui/app-link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="page-center">
      <div className="card">
        <h1>Page not found</h1>
        <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <AppLink href="/">Go to your tasks</AppLink>
        </p>
      </div>
    </main>
  );
}
