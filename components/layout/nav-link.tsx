'use client';

import { AppLink } from '@/components/ui/app-link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A nav link that tells assistive tech when it points at the current page. */
export function NavLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  const current = usePathname() === href;
  return (
    <AppLink href={href} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </AppLink>
  );
}
