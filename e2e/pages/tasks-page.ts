import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export type TaskFields = {
  readonly title: string;
  readonly description?: string;
  /** YYYY-MM-DD */
  readonly dueDate?: string;
  readonly priority?: 'Low' | 'Medium' | 'High';
};

export type ApiTask = { readonly id: string; readonly title: string; readonly version: number; readonly completed: boolean };

/** Creates tasks through the API (oldest first, so the last one is on top of the list). */
export async function createTasksThroughApi(
  request: APIRequestContext,
  tasks: readonly {
    title: string;
    description?: string;
    dueDate?: string;
    priority?: 'low' | 'medium' | 'high';
    completed?: boolean;
    listId?: string;
  }[],
): Promise<ApiTask[]> {
  const created: ApiTask[] = [];
  for (const { completed, ...fields } of tasks) {
    const response = await request.post('/api/tasks', { data: fields });
    expect(response.status(), `create answered: ${await response.text()}`).toBe(201);
    let task = (await response.json()) as ApiTask;
    if (completed) {
      const patched = await request.patch(`/api/tasks/${task.id}`, { data: { completed: true } });
      expect(patched.status(), `complete answered: ${await patched.text()}`).toBe(200);
      task = (await patched.json()) as ApiTask;
    }
    created.push(task);
  }
  return created;
}

/** Titles of every task of the signed-in user, read through the API. */
export async function taskTitlesThroughApi(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/api/tasks?limit=100');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: ApiTask[] }).items.map((task) => task.title);
}

/** The signed-in home: add form, filter tabs, search, the task list and its notifications. */
export class TasksPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly addForm: Locator;
  readonly titleInput: Locator;
  readonly descriptionInput: Locator;
  readonly dueDateInput: Locator;
  readonly priorityInput: Locator;
  readonly addButton: Locator;
  readonly addStatus: Locator;
  readonly addErrors: Locator;
  readonly listRegion: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly list: Locator;
  readonly items: Locator;
  readonly addFirstTaskButton: Locator;
  readonly clearSearchButton: Locator;
  readonly loadMoreButton: Locator;
  readonly notifications: Locator;
  readonly undoButton: Locator;
  readonly errorMessage: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1, name: 'All tasks' });
    this.addForm = this.main.getByRole('form', { name: 'Add a task' });
    this.titleInput = this.addForm.getByLabel('Title');
    this.descriptionInput = this.addForm.getByLabel('Description');
    this.dueDateInput = this.addForm.getByLabel('Due date');
    this.priorityInput = this.addForm.getByLabel('Priority');
    this.addButton = this.addForm.getByRole('button', { name: 'Add task' });
    this.addStatus = this.addForm.getByRole('status');
    this.addErrors = this.addForm.getByRole('alert');
    this.listRegion = this.main.getByRole('region', { name: 'Task list' });
    this.filters = this.listRegion.getByRole('navigation', { name: 'Filter tasks' });
    this.search = this.listRegion.getByRole('searchbox', { name: 'Search tasks' });
    this.count = this.listRegion.getByRole('status');
    this.list = this.listRegion.getByRole('list', { name: 'Tasks' });
    this.items = this.list.getByRole('listitem');
    this.addFirstTaskButton = this.listRegion.getByRole('button', { name: 'Add your first task' });
    this.clearSearchButton = this.listRegion.getByRole('button', { name: 'Clear search' });
    this.loadMoreButton = this.listRegion.getByRole('button', { name: /^Load(ing)? more tasks/ });
    this.notifications = page.getByRole('region', { name: 'Notifications' });
    this.undoButton = this.notifications.getByRole('button', { name: 'Undo' });
    this.errorMessage = this.notifications.getByRole('alert');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.heading).toBeVisible();
  }

  filter(name: 'All' | 'Open' | 'Done'): Locator {
    return this.filters.getByRole('link', { name, exact: true });
  }

  task(title: string): Locator {
    return this.list.getByRole('listitem', { name: title, exact: true });
  }

  activityButton(title: string): Locator {
    return this.task(title).getByRole('button', { name: `Activity of “${title}”`, exact: true });
  }

  /** The Activity panel under a task (a region named after it). */
  activityPanel(title: string): Locator {
    return this.task(title).getByRole('region', { name: `Activity of “${title}”`, exact: true });
  }

  checkbox(title: string): Locator {
    return this.task(title).getByRole('checkbox', { name: `Mark “${title}” done`, exact: true });
  }

  editButton(title: string): Locator {
    return this.task(title).getByRole('button', { name: `Edit “${title}”`, exact: true });
  }

  deleteButton(title: string): Locator {
    return this.task(title).getByRole('button', { name: `Delete “${title}”`, exact: true });
  }

  editForm(title: string): Locator {
    return this.list.getByRole('form', { name: `Edit “${title}”`, exact: true });
  }

  /** Fills the add form and submits it, then waits until the server has stored the task. */
  async addTask({ title, description, dueDate, priority }: TaskFields): Promise<void> {
    await this.titleInput.fill(title);
    if (description !== undefined) await this.descriptionInput.fill(description);
    if (dueDate !== undefined) await this.dueDateInput.fill(dueDate);
    if (priority !== undefined) await this.priorityInput.selectOption({ label: priority });
    const saved = this.page.waitForResponse((response) => response.url().endsWith('/api/tasks') && response.request().method() === 'POST');
    await this.addButton.click();
    expect((await saved).status()).toBe(201);
    await expect(this.editButton(title)).toBeEnabled();
  }

  /** Toggles a task's checkbox and waits for the server to accept it. */
  async toggle(title: string): Promise<void> {
    const saved = this.page.waitForResponse((response) => response.request().method() === 'PATCH');
    await this.checkbox(title).click();
    expect((await saved).status()).toBe(200);
  }

  /** Opens the inline editor, changes the given fields and saves with Enter in the title. */
  async editTask(title: string, changes: Partial<TaskFields>): Promise<void> {
    await this.editButton(title).click();
    const form = this.editForm(title);
    if (changes.description !== undefined) await form.getByLabel('Description').fill(changes.description);
    if (changes.dueDate !== undefined) await form.getByLabel('Due date').fill(changes.dueDate);
    if (changes.priority !== undefined) await form.getByLabel('Priority').selectOption({ label: changes.priority });
    const titleInput = form.getByLabel('Title');
    if (changes.title !== undefined) await titleInput.fill(changes.title);
    const saved = this.page.waitForResponse((response) => response.request().method() === 'PATCH');
    await titleInput.press('Enter');
    expect((await saved).status()).toBe(200);
  }

  /** Presses Tab until `target` has focus, the way a keyboard user gets there. */
  async tabTo(target: Locator, maxPresses = 40): Promise<void> {
    for (let press = 0; press < maxPresses; press += 1) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${target.toString()} in ${maxPresses} presses`);
  }

  /** The filters in the address bar. */
  searchParams(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
