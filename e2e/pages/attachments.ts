import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export type DroppedFile = { readonly name: string; readonly type: string; readonly bytes: Uint8Array };

/** The labelled dog photo of the test fixtures. */
export function dogPhoto(): DroppedFile {
  const bytes = readFileSync(fileURLToPath(new URL('../../tests/fixtures/dog.jpg', import.meta.url)));
  return { name: 'dog.jpg', type: 'image/jpeg', bytes: new Uint8Array(bytes) };
}

/**
 * Drops files on `target` the way a browser does: a DataTransfer built in the page (the bytes
 * travel as a plain array), then dragenter, dragover and drop events carrying it.
 */
export async function dropFiles(target: Locator, files: readonly DroppedFile[]): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
      return transfer;
    },
    files.map((file) => ({ name: file.name, type: file.type, bytes: Array.from(file.bytes) })),
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** The photos part of one task item: drop zone, uploads, thumbnails, label chips, viewer and delete dialogs. */
export class TaskAttachments {
  readonly page: Page;
  readonly dropZone: Locator;
  readonly fileInput: Locator;
  readonly thumbnails: Locator;
  readonly errors: Locator;
  readonly viewer: Locator;
  readonly deleteDialog: Locator;

  constructor(readonly item: Locator) {
    this.page = item.page();
    this.dropZone = item.locator('[data-drop-zone]');
    this.fileInput = item.getByLabel(/^Attach images/);
    this.thumbnails = item.getByRole('button', { name: /^View Photo/ });
    this.errors = item.getByRole('alert');
    this.viewer = this.page.getByRole('dialog', { name: /^Photo/ });
    this.deleteDialog = this.page.getByRole('dialog', { name: 'Delete this photo?' });
  }

  progress(fileName: string): Locator {
    return this.item.getByRole('progressbar', { name: `Uploading ${fileName}` });
  }

  /** A label chip ("Dog 95%"), a link that filters the list by that label. */
  labelChip(name: string): Locator {
    return this.item.getByRole('link', { name: new RegExp(`^Show tasks labelled ${name} \\d+%$`) });
  }

  deleteButton(fileName: string): Locator {
    return this.item.getByRole('button', { name: `Delete photo ${fileName}`, exact: true });
  }

  /** Drops the files and waits until the server has completed (verified and labelled) each of them. */
  async drop(files: readonly DroppedFile[]): Promise<void> {
    const completed = files.map(() =>
      this.page.waitForResponse((response) => response.url().endsWith('/complete') && response.request().method() === 'POST'),
    );
    await dropFiles(this.dropZone, files);
    for (const response of await Promise.all(completed)) expect(response.status()).toBe(200);
  }
}
