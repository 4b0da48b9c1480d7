import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { RegisterServiceWorker } from '@/components/pwa/register-service-worker';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Todoer', template: '%s · Todoer' },
  description: 'Your tasks on every device, safely behind a login.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#111318' },
  ],
};

export default async function RootLayout({ children }: { readonly children: ReactNode }) {
  // Every page renders per request: its scripts must carry that request's CSP nonce (proxy.ts),
  // which a page prerendered at build time could not know.
  await connection();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to main content
        </a>
        <Providers>{children}</Providers>
        <RegisterServiceWorker />
      </body>
    </html>
  );
}
