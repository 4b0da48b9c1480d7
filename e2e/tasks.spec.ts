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
    await expect(passport).toContainText('Photos first');
    await expect(passport).toContainText('High priority');
    await expect(passport).toContainText('Due May 17, 2031');
    await expect(tasks.addStatus).toHaveText('Added “Renew passport”.');
    await expect(tasks.titleInput).toBeFocused();
    await expect(tasks.titleInput).toHaveValue('');

    await tasks.addTask({ title: 'Buy stamps', priority: 'Medium' });
    await expect(tasks.task('Buy stamps')).toContainText('Medium priority');
    await expect(tasks.items).toHaveCount(2);
    await expect(tasks.items.first()).toHaveAccessibleName('Buy stamps');
    await expect(tasks.count).toHaveText('2 tasks: 2 open, 0 done');

    await page.reload();
    await expect(tasks.task('Renew passport')).toContainText('Due May 17, 2031');
    await expect(tasks.task('Buy stamps')).toBeVisible();
  });

  test('says what is wrong with a task without a title', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
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
    await expect(tasks.task('Old chore')).not.toContainText('Overdue');
  });

  test('edits a task inline; Escape cancels', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });

    await tasks.editTask('Buy milk', { title: 'Buy oat milk', description: 'Two cartons', dueDate: '2030-01-02', priority: 'Low' });
    const task = tasks.task('Buy oat milk');
    await expect(task).toContainText('Two cartons');
    await expect(task).toContainText('Low priority');
    await expect(task).toContainText('Due Jan 2, 2030');
    await expect(tasks.editButton('Buy oat milk')).toBeFocused();

    await tasks.editButton('Buy oat milk').click();
    const form = tasks.editForm('Buy oat milk');
    await expect(form.getByLabel('Title')).toBeFocused();
    await form.getByLabel('Title').fill('Something else');
    await form.getByLabel('Title').press('Escape');
    await expect(form).toBeHidden();
    await expect(tasks.editButton('Buy oat milk')).toBeFocused();

    await page.reload();
    await expect(tasks.task('Buy oat milk')).toContainText('Two cartons');
    await expect(tasks.task('Buy milk')).toHaveCount(0);
  });

  test('completes and reopens a task', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Call mum' });
    await tasks.toggle('Call mum');
    await expect(tasks.checkbox('Call mum')).toBeChecked();
    await expect(tasks.count).toHaveText('1 task: 0 open, 1 done');

    await page.reload();
    await expect(tasks.checkbox('Call mum')).toBeChecked();
    await tasks.toggle('Call mum');
    await expect(tasks.checkbox('Call mum')).not.toBeChecked();
  });

  test('filters with the tabs; the filter is in the URL and Back returns to it', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await createTasksThroughApi(page.request, [{ title: 'Open task' }, { title: 'Finished task', completed: true }]);
    await page.reload();
    await expect(tasks.filter('All')).toHaveAttribute('aria-current', 'page');

    await tasks.filter('Open').click();
    await expect(tasks.filter('Open')).toHaveAttribute('aria-current', 'page');
    await expect(tasks.task('Finished task')).toHaveCount(0);
    await expect(tasks.task('Open task')).toBeVisible();
    await expect.poll(() => tasks.searchParams().get('status')).toBe('open');

    await tasks.filter('Done').click();
    await expect(tasks.task('Open task')).toHaveCount(0);
    await expect(tasks.task('Finished task')).toBeVisible();
    await expect(tasks.count).toHaveText('1 done task');
    await expect.poll(() => tasks.searchParams().get('status')).toBe('done');

    await page.goBack();
    await expect(tasks.filter('Open')).toHaveAttribute('aria-current', 'page');
    await expect(tasks.task('Open task')).toBeVisible();
    await expect(tasks.task('Finished task')).toHaveCount(0);

    // Completing a task under "Open" moves it out of the view.
    await tasks.checkbox('Open task').click();
    await expect(tasks.task('Open task')).toHaveCount(0);
    await expect(tasks.listRegion.getByText('Nothing left to do.')).toBeVisible();
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
    await expect(tasks.count).toHaveText('2 tasks matching “Milk”');
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

    await tasks.deleteButton('Throw me away').click();
    await expect(tasks.task('Throw me away')).toHaveCount(0);
    await expect(tasks.notifications.getByRole('status')).toContainText('Deleted “Throw me away”');
    await tasks.undoButton.click();
    await expect(tasks.task('Throw me away')).toBeVisible();
    await expect(tasks.undoButton).toHaveCount(0);

    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await tasks.deleteButton('Throw me away').click();
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
    await tasks.deleteButton('Gone soon').click();
    await expect(tasks.undoButton).toBeVisible();
    const sent = page.waitForRequest((request) => request.method() === 'DELETE');
    await page.reload();
    await sent;
    await expect.poll(() => taskTitlesThroughApi(page.request)).toEqual([]);
  });

  test('reload keeps tasks, completion, the filter and the search', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Buy milk' });
    await tasks.addTask({ title: 'Buy bread' });
    await tasks.addTask({ title: 'Milk the goat' });
    await tasks.toggle('Milk the goat');

    await tasks.filter('Open').click();
    await expect(tasks.task('Milk the goat')).toHaveCount(0);
    await tasks.search.fill('milk');
    await expect(tasks.task('Buy bread')).toHaveCount(0);
    await expect.poll(() => tasks.searchParams().toString()).toBe('status=open&q=milk');

    await page.reload();
    expect(tasks.searchParams().toString()).toBe('status=open&q=milk');
    await expect(tasks.filter('Open')).toHaveAttribute('aria-current', 'page');
    await expect(tasks.search).toHaveValue('milk');
    await expect(tasks.items).toHaveCount(1);
    await expect(tasks.task('Buy milk')).toBeVisible();

    await tasks.filter('All').click();
    await expect(tasks.search).toHaveValue('milk');
    await expect(tasks.checkbox('Milk the goat')).toBeChecked();
    await expect(tasks.items).toHaveCount(2);
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
    await expect(tasks.count).toHaveText('20 tasks shown, more to load');
    await expect(tasks.items.first()).toHaveAccessibleName('Task 45');

    await tasks.items.last().scrollIntoViewIfNeeded();
    await expect(tasks.items).toHaveCount(40);
    await tasks.items.last().scrollIntoViewIfNeeded();
    await expect(tasks.items).toHaveCount(45);
    await expect(tasks.items.last()).toHaveAccessibleName('Task 01');
    await expect(tasks.loadMoreButton).toHaveCount(0);
    await expect(tasks.count).toHaveText('45 tasks: 45 open, 0 done');
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
    await expect(tasks.checkbox('Task 05')).toBeFocused();
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

    await tasks.editButton('Buy milk').click();
    await tasks.editForm('Buy milk').getByLabel('Title').fill('Buy oat milk');
    await tasks.editForm('Buy milk').getByRole('button', { name: 'Save' }).click();
    await expect(tasks.task('Buy oat milk')).toBeVisible();

    release();
    await expect(tasks.task('Buy milk')).toBeVisible();
    await expect(tasks.task('Buy oat milk')).toHaveCount(0);
    await expect(tasks.errorMessage).toContainText('“Buy milk” was changed in another tab or device, so your changes were not saved.');

    await page.reload();
    await expect(tasks.task('Buy milk')).toBeVisible();
  });

  test('a completion answered 500 rolls back and says so', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await tasks.addTask({ title: 'Call the bank' });
    const release = await refuseNextTaskRequest(page, 'PATCH', 500, 'Internal server error', 'Something went wrong. Reference: e2e.');

    await tasks.checkbox('Call the bank').click();
    await expect(tasks.checkbox('Call the bank')).toBeChecked();
    release();
    await expect(tasks.checkbox('Call the bank')).not.toBeChecked();
    await expect(tasks.errorMessage).toContainText('“Call the bank” could not be marked done. Something went wrong. Reference: e2e.');
    await tasks.notifications.getByRole('button', { name: 'Dismiss' }).click();
    await expect(tasks.errorMessage).toBeEmpty();
  });

  test('an edit made in another tab wins, and this tab catches up', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    const [task] = await createTasksThroughApi(page.request, [{ title: 'Plan trip' }]);
    await page.reload();
    const elsewhere = await page.request.patch(`/api/tasks/${task!.id}`, { data: { title: 'Plan trip to Rome' } });
    expect(elsewhere.status()).toBe(200);

    await tasks.editButton('Plan trip').click();
    await tasks.editForm('Plan trip').getByLabel('Title').fill('Plan trip to Paris');
    await tasks.editForm('Plan trip').getByLabel('Title').press('Enter');
    await expect(tasks.errorMessage).toContainText('“Plan trip” was changed in another tab or device');
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
  await expect(tasks.titleInput).toBeFocused();

  await page.keyboard.type('Water the plants');
  await page.keyboard.press('Enter');
  await expect(tasks.task('Water the plants')).toBeVisible();
  await expect(tasks.titleInput).toBeFocused();
  await page.keyboard.type('Call the bank');
  await page.keyboard.press('Enter');
  await expect(tasks.editButton('Call the bank')).toBeEnabled();

  await tasks.tabTo(tasks.checkbox('Call the bank'));
  await page.keyboard.press('Space');
  await expect(tasks.checkbox('Call the bank')).toBeChecked();

  await page.keyboard.press('Tab');
  await expect(tasks.editButton('Call the bank')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tasks.editForm('Call the bank').getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Call the bank about the card');
  await page.keyboard.press('Enter');
  await expect(tasks.editButton('Call the bank about the card')).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(tasks.activityButton('Call the bank about the card')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tasks.activityPanel('Call the bank about the card').getByRole('listitem').first()).toContainText('Renamed');
  await page.keyboard.press('Enter');
  await expect(tasks.activityPanel('Call the bank about the card')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(tasks.deleteButton('Call the bank about the card')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tasks.task('Call the bank about the card')).toHaveCount(0);
  await expect(tasks.undoButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tasks.checkbox('Call the bank about the card')).toBeFocused();
  await expect(tasks.checkbox('Call the bank about the card')).toBeChecked();

  await tasks.tabTo(tasks.filter('Done'));
  await page.keyboard.press('Enter');
  await expect(tasks.filter('Done')).toHaveAttribute('aria-current', 'page');
  await expect(tasks.task('Water the plants')).toHaveCount(0);
  await expect(tasks.task('Call the bank about the card')).toBeVisible();
});

test.describe('at 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the empty list passes axe and does not scroll sideways', async ({ signedInPage: page }) => {
    const tasks = new TasksPage(page);
    await expect(tasks.addFirstTaskButton).toBeVisible();
    await expectAccessibleAndFitting(page);
    await tasks.addFirstTaskButton.click();
    await expect(tasks.titleInput).toBeFocused();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${colorScheme} scheme`, () => {
      test.use({ colorScheme });

      test('a full list, an open editor and a toast pass axe and do not scroll sideways', async ({ signedInPage: page }) => {
        const tasks = new TasksPage(page);
        await createTasksThroughApi(page.request, [
          { title: 'Done already', completed: true, priority: 'low' },
          { title: 'Pay rent', dueDate: await localDate(page, -1), priority: 'high' },
          { title: 'Water plants', dueDate: await localDate(page, 0), description: 'The ferns need the most.' },
          { title: 'x'.repeat(200), description: 'y'.repeat(400) },
          { title: 'Delete me' },
        ]);
        await page.reload();
        await expect(tasks.items).toHaveCount(5);
        await expectAccessibleAndFitting(page);

        await tasks.editButton('Water plants').click();
        await expect(tasks.editForm('Water plants')).toBeVisible();
        await tasks.deleteButton('Delete me').click();
        await tasks.undoButton.hover();
        await expectAccessibleAndFitting(page);
      });
    });
  }
});
