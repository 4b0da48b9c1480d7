/**
 * Works around a fauxqs 2.4.1 persistence bug: making an in-flight message visible again
 * (ChangeMessageVisibility to 0) writes NULL into its NOT NULL receive count, so the call fails with a
 * 500 once `dataDir` is set. The fix keeps the stored count (the message was received; AWS keeps
 * counting) and clears only the in-flight fields, as fauxqs's own restart path does.
 * The class is not exported, so it is loaded from the package's dist folder (fauxqs is pinned exactly);
 * startFauxqs imports the same module, so the patched method is the one it calls.
 */
import type { DatabaseSync } from 'node:sqlite';

type Persistence = { db: DatabaseSync; updateMessageReady(messageId: string): void };

const FAUXQS_DIST = new URL('.', import.meta.resolve('fauxqs'));

export async function fixMessageReadyPersistence(): Promise<void> {
  const persistence = (await import(new URL('persistence.js', FAUXQS_DIST).href)) as Record<string, unknown>;
  const PersistenceManager = persistence.PersistenceManager as { prototype: Persistence } | undefined;
  if (typeof PersistenceManager?.prototype?.updateMessageReady !== 'function') {
    throw new Error('fauxqs has no PersistenceManager.updateMessageReady: was the package upgraded? Check whether this fix is still needed.');
  }
  PersistenceManager.prototype.updateMessageReady = function updateMessageReady(this: Persistence, messageId: string) {
    this.db.prepare('UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE message_id = ?').run(messageId);
  };
}
