import type { MetadataRoute } from 'next';

/** The web app manifest (/manifest.webmanifest, linked from every page by Next): what makes Todoer installable. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Todoer',
    short_name: 'Todoer',
    description: 'Your tasks on every device, safely behind a login.',
    id: '/',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    // --color-accent and --color-bg of app/globals.css (light theme).
    theme_color: '#3645b0',
    background_color: '#f5f6f8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
