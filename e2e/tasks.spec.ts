import type { Page, Route } from '@playwright/test';
import { expect, expectAccessibleAndFitting, test } from './fixtures';
import { createTasksThroughApi, taskTitlesThroughApi, TasksPage } from './pages/tasks-page';

/** A date relative to the browser's own today, as YYYY-MM-DD. */
async function localDate(page: Page, offsetDays: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date();
    date.setDate(date.getDate() + offset);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }, offsetDays);
}

/** Task 01 … Task NN, created oldest first, so Task NN is on top. */
function numberedTasks(count: number): { title: string }[] {
  return Array.from({ length: count }, (_, index) => ({ title: `Task ${String(index + 1).padStart(2, '0')}` }));
}

/**
 * Answers the next request of `method` to a task with a problem, once the test calls `release()`,
 * so the optimistic state can be seen first. Every other request goes through.
 */
async function refuseNextTaskRequest(page: Page, method: string, status: number, title: string, detail: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let refused = false;
  await page.route('**/api/tasks/*', async (route: Route) => {
    if (refused || route.request().method() !== method) return route.fallback();
    refused = true;
    await released;
    await route.fulfill({
      status,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: `https://todoer.dev/problems/${status}`, title, status, detail }),
    });
  });
  return release;
}

test.describe('tasks', () => {
  test('adds a task with every field, and one with only a title', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await expect(tasks.addFirstTaskButton).toBeVisible();

    await tasks.addTask({ title: 'Renew passport', description: 'Photos first\nthen the form', dueDate: '2031-05-17', priority: 'High' });
    const passport = tasks.task('Renew passport');
    await expect(passport).toContainText('High priority');
    await expect(passport).toContainText('Due May 17, 2031');
    await expect(tasks.addStatus).toHaveText('Added “Renew passport”.');
    await expect(tasks.titleInput).toBeFocused();
    await expect(tasks.titleInput).toHaveValue('');

    await tasks.addTask({ title: 'Buy stamps', priority: 'Medium' });
    await expect(tasks.task('Buy stamps')).toContainText('Medium priority');
    await expect(tasks.items).toHaveCount(2);
    // All tasks is newest first.
    await expect(tasks.items.first()).toHaveAccessibleName('Buy stamps');
    await expect(tasks.count).toHaveText('2 open tasks');

    await page.reload();
    await expect(tasks.task('Renew passport')).toContainText('Due May 17, 2031');
    await expect(tasks.task('Buy stamps')).toBeVisible();
    await tasks.openDetails('Renew passport');
    await expect(tasks.panelField('Description')).toHaveValue('Photos first\nthen the form');
  });

  test('says what is wrong with a task without a title', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.moreOptions.click();
    await tasks.addButton.click();
    await expect(tasks.addErrors).toContainText('Enter a title.');
    await expect(tasks.titleInput).toHaveAttribute('aria-invalid', 'true');
    await expect(tasks.addFirstTaskButton).toBeVisible();
  });

  test('marks overdue tasks and tasks due today', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, [
      { title: 'Pay rent', dueDate: await localDate(page, -1) },
      { title: 'Water plants', dueDate: await localDate(page, 0) },
      { title: 'Book flights', dueDate: await localDate(page, 3) },
      { title: 'Old chore', dueDate: await localDate(page, -5), completed: true },
    ]);
    await page.reload();
    await expect(tasks.task('Pay rent')).toContainText('Overdue');
    await expect(tasks.task('Water plants')).toContainText('Due today');
    await expect(tasks.task('Book flights')).not.toContainText(/Overdue|Due today/);
    await expect(tasks.task('Old chore')).toHaveCount(0);
    await tasks.showCompleted();
    await expect(tasks.task('Old chore')).not.toContainText('Overdue');
  });

  test('edits a task in the details panel; Escape closes it and returns to the row', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });

    await tasks.editTask('Buy milk', { title: 'Buy oat milk', description: 'Two cartons', dueDate: '2030-01-02', priority: 'Low' });
    const task = tasks.task('Buy oat milk');
    await expect(task).toContainText('Low priority');
    await expect(task).toContainText('Due Jan 2, 2030');
    await expect(tasks.openButton('Buy oat milk')).toBeFocused();
    await expect.poll(() => tasks.searchParams().has('task')).toBe(false);

    await tasks.openDetails('Buy oat milk');
    await expect.poll(() => tasks.searchParams().has('task')).toBe(true);
    await page.reload();
    await expect(tasks.panel).toBeVisible();
    await expect(tasks.panelField('Description')).toHaveValue('Two cartons');
    await tasks.closeDetails();
    await expect(tasks.openButton('Buy oat milk')).toBeFocused();
    await expect(tasks.task('Buy milk')).toHaveCount(0);
  });

  test('completes and reopens a task', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Call mum' });
    await tasks.toggle('Call mum');
    await expect(tasks.list).toHaveCount(0);
    await expect(tasks.count).toHaveText('0 open tasks');
    await expect(tasks.completedToggle).toHaveText(/Completed \(1\)/);

    await page.reload();
    await tasks.showCompleted();
    await expect(tasks.checkbox('Call mum')).toBeChecked();
    await tasks.toggle('Call mum');
    await expect(tasks.list.getByRole('checkbox', { name: 'Mark “Call mum” done' })).not.toBeChecked();
  });

  test('completed tasks are tucked under a toggle, newest first; the sort is in the URL', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, [
      { title: 'Open low', priority: 'low' },
      { title: 'Open high', priority: 'high' },
      { title: 'Finished first', completed: true },
      { title: 'Finished last', completed: true },
    ]);
    await page.reload();
    await expect(tasks.items).toHaveCount(2);
    await expect(tasks.task('Finished first')).toHaveCount(0);
    await expect(tasks.completedToggle).toHaveText(/Completed \(2\)/);
    await tasks.showCompleted();
    await expect(tasks.completedList.getByRole('listitem')).toHaveText([/Finished last/, /Finished first/]);

    await tasks.sort.selectOption({ label: 'Priority' });
    await expect.poll(() => tasks.searchParams().get('sort')).toBe('priority');
    await expect(tasks.items).toHaveText([/Open high/, /Open low/]);
    await page.reload();
    await expect(tasks.sort).toHaveValue('priority');
    await expect(tasks.items).toHaveText([/Open high/, /Open low/]);

    // Completing a task moves it under Completed.
    await tasks.checkbox('Open low').click();
    await expect(tasks.items).toHaveCount(1);
    await expect(tasks.completedToggle).toHaveText(/Completed \(3\)/);
  });

  test('searches titles and descriptions as you type, ignoring case', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, [
      { title: 'Buy milk' },
      { title: 'Call the farm', description: 'Ask about MILK delivery' },
      { title: 'Walk the dog' },
    ]);
    await page.reload();

    await tasks.search.fill('Milk');
    await expect(tasks.task('Walk the dog')).toHaveCount(0);
    await expect(tasks.task('Buy milk')).toBeVisible();
    await expect(tasks.task('Call the farm')).toBeVisible();
    await expect(tasks.count).toHaveText('2 open tasks matching “Milk”');
    await expect.poll(() => tasks.searchParams().get('q')).toBe('Milk');

    await tasks.search.fill('nothing like this');
    await expect(tasks.clearSearchButton).toBeVisible();
    await tasks.clearSearchButton.click();
    await expect(tasks.search).toHaveValue('');
    await expect(tasks.items).toHaveCount(3);
    await expect.poll(() => tasks.searchParams().has('q')).toBe(false);
  });

  test('deletes a task with a window to undo it', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Keep me' });
    await tasks.addTask({ title: 'Throw me away' });

    await tasks.deleteTask('Throw me away');
    await expect(tasks.task('Throw me away')).toHaveCount(0);
    await expect(tasks.notifications.getByRole('status')).toContainText('Deleted “Throw me away”');
    await tasks.undoButton.click();
    await expect(tasks.task('Throw me away')).toBeVisible();
    await expect(tasks.undoButton).toHaveCount(0);

    // Away from the toasts: a pointer over one pauses its countdown.
    await page.mouse.move(0, 0);
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await tasks.openButton('Throw me away').focus();
    await page.keyboard.press('Delete');
    expect((await deleted).status()).toBe(204);
    await expect(tasks.undoButton).toHaveCount(0);
    await expect(tasks.task('Throw me away')).toHaveCount(0);

    await page.reload();
    await expect(tasks.task('Keep me')).toBeVisible();
    await expect(tasks.task('Throw me away')).toHaveCount(0);
  });

  test('a delete still in its undo window is sent when the page is left', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Gone soon' });
    await tasks.deleteTask('Gone soon');
    await expect(tasks.undoButton).toBeVisible();
    const sent = page.waitForRequest((request) => request.method() === 'DELETE');
    await page.reload();
    await sent;
    await expect.poll(() => taskTitlesThroughApi(page.request)).toEqual([]);
  });

  test('reload keeps tasks, completion and the search', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });
    await tasks.addTask({ title: 'Buy bread' });
    await tasks.addTask({ title: 'Milk the goat' });
    await tasks.toggle('Milk the goat');
    await expect(tasks.task('Milk the goat')).toHaveCount(0);

    await tasks.search.fill('milk');
    await expect(tasks.task('Buy bread')).toHaveCount(0);
    await expect.poll(() => tasks.searchParams().toString()).toBe('q=milk');

    await page.reload();
    await expect(tasks.search).toHaveValue('milk');
    await expect(tasks.items).toHaveCount(1);
    await expect(tasks.task('Buy milk')).toBeVisible();
    await tasks.showCompleted();
    await expect(tasks.checkbox('Milk the goat')).toBeChecked();
  });

  test('the list does not shift while it loads and hydrates', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await createTasksThroughApi(page.request, [
      { title: 'Pay rent', dueDate: await localDate(page, -1), priority: 'high' },
      { title: 'Water plants', dueDate: await localDate(page, 0), description: 'The ferns first.' },
      { title: 'Done already', completed: true },
    ]);
    await page.reload();
    await expect(tasks.task('Pay rent')).toContainText('Overdue');
    await page.waitForLoadState('networkidle');
    const layoutShift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) total += entry.value;
            }
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 250);
        }),
    );
    expect(layoutShift).toBeLessThan(0.01);
    expect(errors, 'console errors (a hydration mismatch would show here)').toEqual([]);
  });

  test('loads more tasks as the list is scrolled', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, numberedTasks(45));
    await page.reload();
    await expect(tasks.items).toHaveCount(20);
    await expect(tasks.count).toHaveText('20 open tasks shown, more to load');
    await expect(tasks.items.first()).toHaveAccessibleName('Task 45');

    await tasks.items.last().scrollIntoViewIfNeeded();
    await expect(tasks.items).toHaveCount(40);
    await tasks.items.last().scrollIntoViewIfNeeded();
    await expect(tasks.items).toHaveCount(45);
    await expect(tasks.items.last()).toHaveAccessibleName('Task 01');
    await expect(tasks.loadMoreButton).toHaveCount(0);
    await expect(tasks.count).toHaveText('45 open tasks');
  });

  test('without scroll detection, the Load more button loads the next page', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, 'IntersectionObserver');
    });
    await createTasksThroughApi(page.request, numberedTasks(25));
    await page.reload();
    await expect(tasks.items).toHaveCount(20);

    await tasks.loadMoreButton.click();
    await expect(tasks.items).toHaveCount(25);
    await expect(tasks.openButton('Task 05')).toBeFocused();
    await expect(tasks.loadMoreButton).toHaveCount(0);
  });
});

test.describe('when the server refuses', () => {
  test('a page of tasks that fails to load can be tried again', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, numberedTasks(25));
    let failing = true;
    await page.route(
      (url) => url.pathname === '/api/tasks' && url.searchParams.has('cursor'),
      (route) =>
        failing
          ? route.fulfill({
              status: 503,
              contentType: 'application/problem+json',
              body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'DynamoDB is unavailable. Try again shortly.' }),
            })
          : route.fallback(),
    );
    await page.reload();
    await tasks.loadMoreButton.click();
    const problem = tasks.listRegion.getByRole('alert');
    await expect(problem).toContainText('More tasks could not be loaded.');
    await expect(tasks.items).toHaveCount(20);

    failing = false;
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(tasks.items).toHaveCount(25);
    await expect(problem).toHaveCount(0);
  });

  test('an edit answered 412 rolls back, says why and shows the latest version', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });
    const release = await refuseNextTaskRequest(page, 'PATCH', 412, 'Precondition failed', 'The resource changed since you read it.');

    await tasks.openDetails('Buy milk');
    await tasks.panelField('Title').fill('Buy oat milk');
    await tasks.panelField('Title').press('Enter');
    await expect(tasks.task('Buy oat milk')).toBeAttached();

    release();
    await expect(tasks.panel.getByRole('alert')).toContainText('“Buy milk” was changed in another tab or device, so your change was not saved.');
    await expect(tasks.panelField('Title')).toHaveValue('Buy milk');
    await tasks.closeDetails();
    await expect(tasks.task('Buy milk')).toBeVisible();
    await expect(tasks.task('Buy oat milk')).toHaveCount(0);

    await page.reload();
    await expect(tasks.task('Buy milk')).toBeVisible();
  });

  test('a completion answered 500 rolls back and says so', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Call the bank' });
    const release = await refuseNextTaskRequest(page, 'PATCH', 500, 'Internal server error', 'Something went wrong. Reference: e2e.');

    await tasks.checkbox('Call the bank').click();
    // Done at once (it leaves the open tasks), back when the server refuses.
    await expect(tasks.task('Call the bank')).toHaveCount(0);
    release();
    await expect(tasks.checkbox('Call the bank')).not.toBeChecked();
    await expect(tasks.errorMessage).toContainText('“Call the bank” could not be marked done. Something went wrong. Reference: e2e.');
    await tasks.notifications.getByRole('button', { name: 'Dismiss' }).click();
    await expect(tasks.errorMessage).toBeEmpty();
  });

  test('an edit made in another tab wins, and this tab catches up', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    const [task] = await createTasksThroughApi(page.request, [{ title: 'Plan trip' }]);
    // A tab that has not heard of the other edit yet: live sync would otherwise show it before the person types.
    await page.route('**/api/sync*', (route) => route.abort());
    await page.reload();
    await tasks.openDetails('Plan trip');
    const elsewhere = await page.request.patch(`/api/tasks/${task!.id}`, { data: { title: 'Plan trip to Rome' } });
    expect(elsewhere.status()).toBe(200);

    await tasks.panelField('Title').fill('Plan trip to Paris');
    await tasks.panelField('Title').press('Enter');
    await expect(tasks.panel.getByRole('alert')).toContainText('“Plan trip” was changed in another tab or device');
    await expect(tasks.panelField('Title')).toHaveValue('Plan trip to Rome');
    await tasks.closeDetails();
    await expect(tasks.task('Plan trip to Rome')).toBeVisible();
    await expect(tasks.task('Plan trip to Paris')).toHaveCount(0);
  });
});

test('works with the keyboard alone', async ({ signedInPage: page }) => {
  const tasks = new TasksPage(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  // Quick add is the first field of the page now; the full form waits behind More options.
  await expect(tasks.quickAdd).toBeFocused();

  await page.keyboard.type('Water the plants');
  await page.keyboard.press('Enter');
  await expect(tasks.task('Water the plants')).toBeVisible();
  await expect(tasks.quickAdd).toBeFocused();
  await page.keyboard.type('Call the bank');
  await page.keyboard.press('Enter');
  await expect(tasks.openButton('Call the bank')).toBeEnabled();

  // Two Tab stops a row: the checkbox, then the button that opens it.
  await tasks.tabTo(tasks.checkbox('Call the bank'));
  await page.keyboard.press('Tab');
  await expect(tasks.openButton('Call the bank')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(tasks.checkbox('Water the plants')).toBeFocused();
  await page.keyboard.press('Shift+Tab');

  await page.keyboard.press('Enter');
  await expect(tasks.panel).toBeVisible();
  await tasks.tabTo(tasks.panelField('Title'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Call the bank about the card');
  const renamed = page.waitForResponse((response) => response.request().method() === 'PATCH');
  await page.keyboard.press('Enter');
  expect((await renamed).status()).toBe(200);
  await page.keyboard.press('Escape');
  await expect(tasks.panel).toBeHidden();
  await expect(tasks.openButton('Call the bank about the card')).toBeFocused();

  await page.keyboard.press('Delete');
  await expect(tasks.task('Call the bank about the card')).toHaveCount(0);
  await tasks.tabTo(tasks.undoButton);
  await page.keyboard.press('Enter');
  await expect(tasks.openButton('Call the bank about the card')).toBeFocused();
});

test.describe('at 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the empty list passes axe and does not scroll sideways', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await expect(tasks.addFirstTaskButton).toBeVisible();
    await expectAccessibleAndFitting(page);
    await tasks.addFirstTaskButton.click();
    await expect(tasks.quickAdd).toBeFocused();
  });

  test('quick add on a phone: the first task shows above the fold', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.quickAdd.fill('Buy milk');
    await tasks.quickAdd.press('Enter');
    await expect(tasks.openButton('Buy milk')).toBeEnabled();
    const row = await tasks.task('Buy milk').boundingBox();
    expect(row, 'the row is laid out').not.toBeNull();
    expect(row!.y + row!.height).toBeLessThanOrEqual(740);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${colorScheme} scheme`, () => {
      test.use({ colorScheme });

      test('a full list, a toast and the details panel pass axe and do not scroll sideways', async ({ signedInPage: page }) => {
        const tasks = new TasksPage(page);
        await createTasksThroughApi(page.request, [
          { title: 'Done already', completed: true, priority: 'low' },
          { title: 'Pay rent', dueDate: await localDate(page, -1), priority: 'high' },
          { title: 'Water plants', dueDate: await localDate(page, 0), description: 'The ferns need the most.' },
          { title: 'x'.repeat(200), description: 'y'.repeat(400) },
          { title: 'Delete me' },
        ]);
        await page.reload();
        await expect(tasks.items).toHaveCount(4);
        await expectAccessibleAndFitting(page);

        await tasks.openButton('Delete me').focus();
        await page.keyboard.press('Delete');
        await tasks.undoButton.hover();
        await expectAccessibleAndFitting(page);
        await tasks.openDetails('Water plants');
        await expectAccessibleAndFitting(page);
      });
    });
  }
});
