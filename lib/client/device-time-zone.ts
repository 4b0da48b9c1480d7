/**
 * The device's IANA time zone ("Europe/Berlin"), which decides the person's "today". Asking builds an
 * Intl formatter, the page's first one costing a phone tens of milliseconds: ask when it is needed.
 */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
