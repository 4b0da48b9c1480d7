import { readFile } from 'node:fs/promises';
import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { AccountPage } from './pages/app-pages';
import { createListsThroughApi, ListsSidebar } from './pages/lists';

test('an export downloads as a file, and importing it into another account shows the report and the lists', async ({ signedInPage: page, otherPage }) => {
  const [home] = await createListsThroughApi(page.request, [{ name: 'Home' }]);
  for (const title of ['Pay rent', 'Fix the shelf']) {
    const created = await page.request.post('/api/tasks', { data: { title, listId: home!.id, tags: ['chores'] } });
    expect(created.status()).toBe(201);
  }

  const account = new AccountPage(page);
  await account.goto();
  const section = page.getByRole('main').getByRole('region', { name: 'Export and import' });
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export as JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^todoer-export-\d{4}-\d{2}-\d{2}\.json$/);
  const file = { name: download.suggestedFilename(), mimeType: 'application/json', buffer: await readFile(await download.path()) };

  const otherAccount = new AccountPage(otherPage);
  await otherAccount.goto();
  const otherSection = otherPage.getByRole('main').getByRole('region', { name: 'Export and import' });
  await otherSection.getByLabel('File to import').setInputFiles(file);
  await otherSection.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(otherSection.getByRole('status')).toHaveText('Imported 1 list and 2 tasks.');
  await expect(new ListsSidebar(otherPage).link('Home')).toBeVisible();
  await expectAccessibleAndFitting(otherPage);
});

test('a file that cannot be imported says why, and nothing is imported', async ({ signedInPage: page }) => {
  const account = new AccountPage(page);
  await account.goto();
  const section = page.getByRole('main').getByRole('region', { name: 'Export and import' });
  await section.getByLabel('File to import').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('name,phone\nSam,123\n') });
  await section.getByRole('button', { name: 'Import', exact: true }).click();
  const alert = section.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported');
  await expect(alert).toContainText('Missing columns: TYPE, CONTENT, PRIORITY, INDENT.');
  await expectAccessibleAndFitting(page);
});
