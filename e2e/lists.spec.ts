import { expect, expectAccessibleAndFitting, pathIs, test } from './fixtures';
import { createListsThroughApi, EditListDialog, ListPage, ListsSidebar, listsThroughApi } from './pages/lists';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

test.describe('lists', () => {
  test('makes a list, opens it and adds tasks to it; All tasks shows each task’s list', async ({ signedInPage: page }) => {
    const sidebar = new ListsSidebar(page);
    const tasks = new TasksPage(page);
    await expect(sidebar.nav.getByText('No lists yet.')).toBeVisible();

    await sidebar.createList('Groceries', 'Green');
    await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
    await expect(sidebar.link('Groceries')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByText('Nothing to do in “Groceries”.')).toBeVisible();

    await tasks.addTask({ title: 'Buy milk' });
    await expect(sidebar.link('Groceries')).toHaveAccessibleName('Groceries, 1 open');

    await sidebar.allTasksLink.click();
    await expect(tasks.heading).toBeVisible();
    await expect(tasks.task('Buy milk')).toContainText('List: Groceries');
    await tasks.addTask({ title: 'Call mum' });
    await expect(tasks.task('Call mum')).toContainText('List: Inbox');
    await expect(sidebar.link('Inbox')).toHaveAccessibleName('Inbox, 1 open');

    const [list] = (await listsThroughApi(page.request)).filter((item) => !item.inbox);
    expect(list).toMatchObject({ name: 'Groceries', color: '#3a9a4f', counts: { open: 1, overdue: 0 } });
  });

  test('says what is wrong with a list without a name, and keeps what was chosen', async ({ signedInPage: page }) => {
    const sidebar = new ListsSidebar(page);
    await sidebar.newListButton.click();
    await sidebar.newListForm.getByRole('radio', { name: 'Blue', exact: true }).check();
    await sidebar.newListForm.getByRole('button', { name: 'Add list' }).click();
    await expect(sidebar.newListForm.getByRole('alert')).toContainText('Enter a name.');
    await expect(sidebar.newListForm.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(sidebar.newListForm.getByRole('radio', { name: 'Blue', exact: true })).toBeChecked();

    await sidebar.newListForm.getByLabel('Name').press('Escape');
    await expect(sidebar.newListForm).toHaveCount(0);
    await expect(sidebar.newListButton).toBeFocused();
  });

  test('renames and recolours a list; Escape cancels and focus returns to its options', async ({ signedInPage: page }) => {
    const [list] = await createListsThroughApi(page.request, [{ name: 'Groceries', color: '#3a9a4f' }]);
    const sidebar = new ListsSidebar(page);
    const listPage = new ListPage(page, 'Food shop');
    await page.goto(`/lists/${list!.id}`);

    await sidebar.choose('Groceries', 'Edit…');
    const edit = new EditListDialog(page, 'Groceries');
    await expect(edit.name).toBeFocused();
    await edit.name.fill('Something else');
    await page.keyboard.press('Escape');
    await expect(edit.dialog).toBeHidden();
    await expect(sidebar.optionsButton('Groceries')).toBeFocused();

    await sidebar.choose('Groceries', 'Edit…');
    await expect(edit.name).toHaveValue('Groceries');
    await edit.name.fill('Food shop');
    await edit.colour('Orange').check();
    await edit.save.click();
    await expect(edit.dialog).toBeHidden();
    await expect(listPage.heading).toBeVisible();
    await expect(sidebar.link('Food shop')).toBeVisible();
    await expect(sidebar.optionsButton('Food shop')).toBeFocused();

    await page.reload();
    await expect(listPage.heading).toBeVisible();
    expect((await listsThroughApi(page.request)).find((item) => item.id === list!.id)).toMatchObject({ name: 'Food shop', color: '#e8833a' });
  });

  test('reorders lists with Alt+↑/↓ and with Move up / Move down', async ({ signedInPage: page }) => {
    await createListsThroughApi(page.request, [{ name: 'Home' }, { name: 'Work' }, { name: 'Trips' }]);
    const sidebar = new ListsSidebar(page);
    await page.reload();
    await expect.poll(() => sidebar.listNames()).toEqual(['Home', 'Work', 'Trips']);

    await sidebar.link('Trips').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => sidebar.listNames()).toEqual(['Home', 'Trips', 'Work']);
    await expect(sidebar.link('Trips')).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => sidebar.listNames()).toEqual(['Trips', 'Home', 'Work']);
    await expect(sidebar.nav.getByRole('status')).toHaveText('Moved “Trips” up: 1 of 3.');
    // Already first: nothing moves.
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => sidebar.listNames()).toEqual(['Trips', 'Home', 'Work']);

    await sidebar.optionsButton('Home').click();
    const menu = page.getByRole('list', { name: 'Options for “Home”' });
    await expect(menu.getByRole('button', { name: 'Edit…' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('button', { name: 'Move down' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => sidebar.listNames()).toEqual(['Trips', 'Work', 'Home']);
    await expect(sidebar.optionsButton('Home')).toBeFocused();
    await sidebar.optionsButton('Home').click();
    await expect(menu.getByRole('button', { name: 'Move down' })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(sidebar.optionsButton('Home')).toBeFocused();

    await page.reload();
    await expect.poll(() => sidebar.listNames()).toEqual(['Trips', 'Work', 'Home']);
    expect((await listsThroughApi(page.request)).map((list) => list.name)).toEqual(['Inbox', 'Trips', 'Work', 'Home']);
  });

  test('a move the server refuses puts the list back and says why', async ({ signedInPage: page }) => {
    await createListsThroughApi(page.request, [{ name: 'Home' }, { name: 'Work' }]);
    await page.route('**/api/lists/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 500,
            contentType: 'application/problem+json',
            body: JSON.stringify({ title: 'Internal server error', status: 500, detail: 'Something went wrong. Reference: e2e.' }),
          })
        : route.fallback(),
    );
    const sidebar = new ListsSidebar(page);
    await page.reload();
    await sidebar.link('Work').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(sidebar.problem).toContainText('“Work” could not be moved, so it is back in its place. Something went wrong. Reference: e2e.');
    await expect.poll(() => sidebar.listNames()).toEqual(['Home', 'Work']);
    await sidebar.problem.getByRole('button', { name: 'Dismiss' }).click();
    await expect(sidebar.problem).toHaveCount(0);
  });

  test('the Inbox comes first and cannot be renamed, moved or deleted', async ({ signedInPage: page }) => {
    await createListsThroughApi(page.request, [{ name: 'Work' }]);
    const sidebar = new ListsSidebar(page);
    await page.reload();
    await expect(sidebar.link('Inbox')).toBeVisible();
    await expect(sidebar.optionsButton('Inbox')).toHaveCount(0);
    await sidebar.link('Inbox').click();
    const inbox = new ListPage(page, 'Inbox');
    await expect(inbox.heading).toBeVisible();
    await expect(inbox.shareButton).toHaveCount(0);
  });

  test('deletes a list after a confirm that says how many open tasks go with it', async ({ signedInPage: page }) => {
    const [groceries] = await createListsThroughApi(page.request, [{ name: 'Groceries' }, { name: 'Work' }]);
    await createTasksThroughApi(page.request, [
      { title: 'Milk', listId: groceries!.id },
      { title: 'Bread', listId: groceries!.id },
      { title: 'Eggs', listId: groceries!.id, completed: true },
      { title: 'Call mum' },
    ]);
    const sidebar = new ListsSidebar(page);
    const tasks = new TasksPage(page);
    await page.goto(`/lists/${groceries!.id}`);
    await expect(sidebar.link('Groceries')).toHaveAccessibleName('Groceries, 2 open');

    await sidebar.choose('Groceries', 'Delete…');
    const dialog = page.getByRole('dialog', { name: 'Delete “Groceries”?' });
    await expect(dialog).toContainText('“Groceries” and its 2 open tasks will be deleted, along with any completed ones. This can\'t be undone.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(sidebar.link('Groceries')).toBeVisible();

    await sidebar.choose('Groceries', 'Delete…');
    await dialog.getByRole('button', { name: 'Delete list' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(pathIs('/'));
    await expect(sidebar.link('Groceries')).toHaveCount(0);
    await expect(tasks.task('Call mum')).toBeVisible();
    await expect(tasks.task('Milk')).toHaveCount(0);
    await expect.poll(async () => (await listsThroughApi(page.request)).map((list) => list.name)).toEqual(['Inbox', 'Work']);
  });

  test('a delete the server refuses keeps the list and says why', async ({ signedInPage: page }) => {
    const [list] = await createListsThroughApi(page.request, [{ name: 'Groceries' }]);
    await page.route(`**/api/lists/${list!.id}`, (route) =>
      route.request().method() === 'DELETE'
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'DynamoDB is unavailable. Try again shortly.' }),
          })
        : route.fallback(),
    );
    const sidebar = new ListsSidebar(page);
    await page.reload();
    await sidebar.choose('Groceries', 'Delete…');
    const dialog = page.getByRole('dialog', { name: 'Delete “Groceries”?' });
    await dialog.getByRole('button', { name: 'Delete list' }).click();
    await expect(dialog.getByRole('alert')).toContainText('DynamoDB is unavailable. Try again shortly.');
    await expect(sidebar.link('Groceries')).toBeVisible();
  });

  test('a task moved to another list leaves this one and shows up in the other', async ({ signedInPage: page }) => {
    const [work] = await createListsThroughApi(page.request, [{ name: 'Work' }]);
    await createTasksThroughApi(page.request, [{ title: 'Send the report' }, { title: 'Water plants' }]);
    const sidebar = new ListsSidebar(page);
    const tasks = new TasksPage(page);
    await page.reload();
    await sidebar.link('Inbox').click();
    await expect(new ListPage(page, 'Inbox').heading).toBeVisible();

    await tasks.openDetails('Send the report');
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await tasks.panelField('List').selectOption({ label: 'Work' });
    expect((await saved).status()).toBe(200);
    await tasks.closeDetails();
    await expect(tasks.task('Send the report')).toHaveCount(0);
    await expect(tasks.task('Water plants')).toBeVisible();
    await expect(sidebar.link('Work')).toHaveAccessibleName('Work, 1 open');
    await expect(sidebar.link('Inbox')).toHaveAccessibleName('Inbox, 1 open');

    await sidebar.link('Work').click();
    await expect(page).toHaveURL(pathIs(`/lists/${work!.id}`));
    await expect(tasks.task('Send the report')).toBeVisible();
    await expect(tasks.items).toHaveCount(1);
  });

  test('a list that is not there says so', async ({ signedInPage: page }) => {
    await page.goto('/lists/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('heading', { level: 1, name: 'There is no such list' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Go to all your tasks' }).click();
    await expect(new TasksPage(page).heading).toBeVisible();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the lists open in a drawer that Escape and navigation close', async ({ signedInPage: page }) => {
    await createListsThroughApi(page.request, [{ name: 'Groceries' }]);
    await page.reload();
    const openButton = page.getByRole('button', { name: 'Lists', exact: true });
    await expect(new ListsSidebar(page).nav).toBeHidden();

    await openButton.click();
    const drawer = page.getByRole('dialog', { name: 'Your lists' });
    const sidebar = new ListsSidebar(page, drawer);
    await expect(sidebar.link('Groceries')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(openButton).toBeFocused();

    await openButton.click();
    await sidebar.link('Groceries').click();
    await expect(new ListPage(page, 'Groceries').heading).toBeVisible();
    await expect(drawer).toBeHidden();
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test.describe(`at ${viewport.width} px, ${colorScheme} scheme`, () => {
      test.use({ viewport, colorScheme });

      test('a list page, its menu, the new-list form and the edit and delete dialogs pass axe and fit', async ({ signedInPage: page }) => {
        const phone = viewport.width < 600;
        const [list] = await createListsThroughApi(page.request, [
          { name: 'Groceries', color: '#3a9a4f' },
          { name: `A list with a very long name ${'that goes on '.repeat(5)}`.trim() },
        ]);
        await createTasksThroughApi(page.request, [{ title: 'Milk', listId: list!.id, dueDate: '2020-01-01' }, { title: 'Call mum' }]);
        await page.goto(`/lists/${list!.id}`);
        await expect(new ListPage(page, 'Groceries').heading).toBeVisible();
        await expectAccessibleAndFitting(page);

        let sidebar = new ListsSidebar(page);
        if (phone) {
          await page.getByRole('button', { name: 'Lists', exact: true }).click();
          sidebar = new ListsSidebar(page, page.getByRole('dialog', { name: 'Your lists' }));
        }
        await expect(sidebar.link('Groceries')).toHaveAccessibleName('Groceries, 1 overdue, 1 open');
        await sidebar.optionsButton('Groceries').click();
        await expectAccessibleAndFitting(page);
        await page.keyboard.press('Escape');

        await sidebar.newListButton.click();
        await sidebar.newListForm.getByRole('button', { name: 'Add list' }).click();
        await expect(sidebar.newListForm.getByRole('alert')).toBeVisible();
        await expectAccessibleAndFitting(page);
        await sidebar.newListForm.getByRole('button', { name: 'Cancel' }).click();

        await sidebar.choose('Groceries', 'Edit…');
        await expect(new EditListDialog(page, 'Groceries').dialog).toBeVisible();
        await expectAccessibleAndFitting(page);
        await page.keyboard.press('Escape');

        await sidebar.choose('Groceries', 'Delete…');
        await expect(page.getByRole('dialog', { name: 'Delete “Groceries”?' })).toBeVisible();
        await expectAccessibleAndFitting(page);
      });
    });
  }
}
