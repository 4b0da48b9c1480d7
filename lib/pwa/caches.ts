/** The Cache Storage cache of pages: filled by the service worker and, on a page's first load, by the page. */
export const PAGES_CACHE = 'pages';

/** Next varies pages on its router headers; a navigation sends none of them, so one URL is one entry. */
export const PAGE_MATCH_OPTIONS = { ignoreVary: true } as const;
