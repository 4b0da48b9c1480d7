/**
 * The local mail catcher's store (scripts/emulators/ses-server.ts): one JSON file per caught email
 * under the data folder, so mail survives a restart like the other emulators' data under .data/.
 * File names start with the arrival time and a sequence number, so newest-first is a sort by name.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type CaughtMail = {
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  /** ISO 8601. */
  readonly receivedAt: string;
};

/** `Ann <ann@example.com>` → `ann@example.com`; a bare address is returned as it is, lower-cased. */
export function addressOf(mailbox: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(mailbox);
  return (angle ? angle[1]! : mailbox).trim().toLowerCase();
}

export class MailStore {
  private sequence = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  add(mail: CaughtMail): void {
    const name = `${String(Date.parse(mail.receivedAt)).padStart(15, '0')}-${String(this.sequence++).padStart(9, '0')}-${mail.id}.json`;
    // Written aside and renamed: a crash mid-write leaves no half file for list() to trip on.
    const partial = path.join(this.dir, `.${name}.partial`);
    writeFileSync(partial, JSON.stringify(mail, null, 2));
    renameSync(partial, path.join(this.dir, name));
  }

  /** Newest first; `to` keeps the mails any of whose recipients (To, Cc or Bcc) is that address. */
  list(filter: { to?: string } = {}): CaughtMail[] {
    const wanted = filter.to === undefined ? undefined : addressOf(filter.to);
    const mails: CaughtMail[] = [];
    for (const name of this.files().reverse()) {
      let mail: CaughtMail;
      try {
        mail = JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as CaughtMail;
      } catch {
        continue; // removed by a concurrent clear(), or not ours
      }
      if (wanted !== undefined && ![...mail.to, ...mail.cc, ...mail.bcc].some((recipient) => addressOf(recipient) === wanted)) continue;
      mails.push(mail);
    }
    return mails;
  }

  get(id: string): CaughtMail | undefined {
    const name = this.files().find((file) => file.endsWith(`-${id}.json`));
    return name === undefined ? undefined : (JSON.parse(readFileSync(path.join(this.dir, name), 'utf8')) as CaughtMail);
  }

  /** Deletes every caught mail; answers how many there were. */
  clear(): number {
    const names = this.files();
    for (const name of names) rmSync(path.join(this.dir, name), { force: true });
    return names.length;
  }

  private files(): string[] {
    return readdirSync(this.dir).filter((name) => /^\d{15}-\d{9}-[\w-]+\.json$/.test(name)).sort();
  }
}
