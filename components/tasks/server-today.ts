import 'server-only';
import { cookies } from 'next/headers';
import { TIME_ZONE_COOKIE, todayInTimeZone } from './dates';

/**
 * The server's guess at the viewer's date, so the HTML shows what the browser will: the device's zone,
 * which the time-zone cookie remembers, else `fallbackZone` (the profile's), else none.
 */
export async function serverToday(fallbackZone?: string): Promise<string | null> {
  return todayInTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? todayInTimeZone(fallbackZone);
}
