import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { dogPhoto, dropFiles, TaskAttachments } from './pages/attachments';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

const DOG_TASK = 'Walk the dog';
const OTHER_TASK = 'Buy milk';

/** Two tasks, the dog one on top, with the dog task's details open (where its photos are). */
async function twoTasks(page: import('@playwright/test').Page): Promise<{ tasks: TasksPage; photos: TaskAttachments }> {
  await createTasksThroughApi(page.request, [{ title: OTHER_TASK }, { title: DOG_TASK }]);
  const tasks = new TasksPage(page);
  await tasks.goto();
  await tasks.openDetails(DOG_TASK);
  return { tasks, photos: new TaskAttachments(tasks.panel) };
}

test('a photo dropped on a row uploads to that task; the row shows the count, not an upload box', async ({ signedInPage: page }) => {
  await createTasksThroughApi(page.request, [{ title: OTHER_TASK }, { title: DOG_TASK }]);
  const tasks = new TasksPage(page);
  await tasks.goto();
  await expect(tasks.task(DOG_TASK).getByLabel(/^Attach images/)).toHaveCount(0);
  const completed = page.waitForResponse((response) => response.url().endsWith('/complete') && response.request().method() === 'POST');
  await dropFiles(tasks.task(DOG_TASK), [dogPhoto()]);
  expect((await completed).status()).toBe(200);
  await expect(tasks.task(DOG_TASK)).toContainText('1 photo');
  await expect(tasks.task(OTHER_TASK)).not.toContainText('photo');
  await tasks.openDetails(DOG_TASK);
  await expect(new TaskAttachments(tasks.panel).labelChip('Dog')).toBeVisible();
});

test('a dropped photo uploads with progress, gets its "Dog" label, and the label filters the list', async ({ signedInPage: page }) => {
  const { tasks, photos } = await twoTasks(page);
  // Hold the completion back a moment so the progress bar can be seen for sure.
  await page.route('**/attachments/*/complete', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });

  const completed = photos.drop([dogPhoto()]);
  await expect(photos.progress('dog.jpg')).toBeVisible();
  await completed;
  await expect(photos.progress('dog.jpg')).toHaveCount(0);
  await expect(photos.labelChip('Dog')).toBeVisible();
  const thumbnail = photos.thumbnails.first();
  await expect(thumbnail).toHaveAccessibleName(/^View Photo: .*Dog/);
  const image = thumbnail.getByRole('img');
  await expect(image).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await photos.labelChip('Dog').click();
  await expect(tasks.panel).toBeHidden();
  await expect.poll(() => tasks.searchParams().get('label')).toBe('dog');
  await expect(tasks.task(DOG_TASK)).toBeVisible();
  await expect(tasks.task(OTHER_TASK)).toHaveCount(0);
  await expect(page.locator('[data-task-id]')).toHaveCount(1);

  await tasks.listRegion.getByRole('button', { name: 'Clear label filter' }).click();
  await expect.poll(() => tasks.searchParams().has('label')).toBe(false);
  await expect(tasks.task(OTHER_TASK)).toBeVisible();
  await expect(page.locator('[data-task-id]')).toHaveCount(2);
});

test('the viewer opens with Enter, closes with Escape and gives focus back; delete asks first', async ({ signedInPage: page }) => {
  const { photos } = await twoTasks(page);
  await photos.drop([dogPhoto()]);
  const thumbnail = photos.thumbnails.first();
  await expect(thumbnail).toBeVisible();

  await thumbnail.focus();
  await page.keyboard.press('Enter');
  await expect(photos.viewer).toBeVisible();
  await expect(photos.viewer.getByRole('img', { name: /^Photo: .*Dog/ })).toBeVisible();
  await expect(photos.viewer.getByText(/^Dog \d+%$/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(photos.viewer).toBeHidden();
  await expect(thumbnail).toBeFocused();

  // Cancelling keeps the photo.
  await photos.deleteButton('dog.jpg').click();
  await expect(photos.deleteDialog).toBeVisible();
  await photos.deleteDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(photos.deleteDialog).toBeHidden();
  await expect(photos.thumbnails).toHaveCount(1);

  await photos.deleteButton('dog.jpg').click();
  const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE');
  await photos.deleteDialog.getByRole('button', { name: 'Delete photo' }).click();
  expect((await deleted).status()).toBe(204);
  await expect(photos.deleteDialog).toBeHidden();
  await expect(photos.thumbnails).toHaveCount(0);
  await expect(photos.labelChip('Dog')).toHaveCount(0);
});

test('a file of the wrong type is refused with a clear message, before any upload', async ({ signedInPage: page }) => {
  const { photos } = await twoTasks(page);
  let started = false;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/attachments')) started = true;
  });
  await photos.fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await expect(photos.errors).toContainText('“notes.txt” is not a JPEG, PNG, WebP or GIF image.');
  expect(started).toBe(false);
  await expect(photos.thumbnails).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`at 360 × 740, ${colorScheme} scheme`, () => {
    test.use({ viewport: { width: 360, height: 740 }, colorScheme });

    test('tasks with photos and labels pass axe and do not scroll sideways', async ({ signedInPage: page }) => {
      const { photos } = await twoTasks(page);
      await photos.drop([dogPhoto()]);
      await expect(photos.labelChip('Dog')).toBeVisible();
      await expectAccessibleAndFitting(page);

      await photos.thumbnails.first().click();
      await expect(photos.viewer).toBeVisible();
      await expectAccessibleAndFitting(page);
      await photos.viewer.getByRole('button', { name: 'Close' }).click();
      await expect(photos.viewer).toBeHidden();
    });
  });
}
