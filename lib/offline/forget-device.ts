import { PAGES_CACHE } from '@/lib/pwa/caches';
import { openOfflineDb } from './db';
import { forgetSyncedData } from './synced-data';

/**
 * Signing out leaves none of the person's data readable on the device: the cached pages (rendered with
 * their tasks) and the synced copy go. Changes still waiting in the outbox stay, to be sent at their
 * next sign-in: dropping them would lose work the person saw as done.
 */
export async function forgetDevice(userId: string): Promise<void> {
  await Promise.all([
    'caches' in window ? caches.delete(PAGES_CACHE) : Promise.resolve(false),
    openOfflineDb(userId).then(forgetSyncedData),
  ]);
}
