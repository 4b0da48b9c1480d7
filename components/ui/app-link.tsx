'use client';

import { useRouter } from 'next/navigation';
import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';

type AppLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  /** A path of this app ("/lists/…?tag=…"). */
  readonly href: string;
  /** Fetch the page's route data when the pointer or focus reaches the link (default true). */
  readonly prefetch?: boolean;
  /** Scroll to the top of the new page (default true), as next/link does. */
  readonly scroll?: boolean;
  readonly ref?: Ref<HTMLAnchorElement>;
};

/** Clicks the browser handles itself: another tab or window, a download, another site. */
function leftToBrowser(event: MouseEvent<HTMLAnchorElement>): boolean {
  const anchor = event.currentTarget;
  return (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    (anchor.target !== '' && anchor.target !== '_self') ||
    anchor.hasAttribute('download') ||
    anchor.origin !== window.location.origin
  );
}

/**
 * A link to a page of the app, navigated on the client with the App Router's own push and prefetch.
 * Used instead of next/link, whose viewport prefetching, link-status and URL-object support cost every page
 * about 9 KiB (gzip) of first-load JS that none of these links needs: every page here renders per request,
 * so a prefetch can fetch only the route's shape, which intent (hover, touch, focus) fetches in time.
 */
export function AppLink({ href, prefetch = true, scroll = true, onClick, onPointerEnter, onTouchStart, onFocus, ...anchor }: AppLinkProps) {
  const router = useRouter();
  const warm = () => {
    if (prefetch) router.prefetch(href);
  };
  return (
    <a
      {...anchor}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (leftToBrowser(event)) return;
        event.preventDefault();
        router.push(href, { scroll });
      }}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        warm();
      }}
      onTouchStart={(event) => {
        onTouchStart?.(event);
        warm();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        warm();
      }}
    />
  );
}
