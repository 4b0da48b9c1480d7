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
    recurrence?: { rule: string; from: 'due' | 'completion' };
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

/** The signed-in home: quick add (the full form behind More options), search, sort, the rows, the details panel. */
export class TasksPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly quickAdd: Locator;
  readonly moreOptions: Locator;
  readonly addForm: Locator;
  readonly titleInput: Locator;
  readonly descriptionInput: Locator;
  readonly dueDateInput: Locator;
  readonly priorityInput: Locator;
  readonly addButton: Locator;
  readonly addStatus: Locator;
  readonly addErrors: Locator;
  readonly listRegion: Locator;
  readonly search: Locator;
  readonly sort: Locator;
  readonly count: Locator;
  readonly list: Locator;
  readonly items: Locator;
  readonly completedToggle: Locator;
  readonly completedList: Locator;
  readonly addFirstTaskButton: Locator;
  readonly clearSearchButton: Locator;
  readonly loadMoreButton: Locator;
  readonly panel: Locator;
  readonly notifications: Locator;
  readonly undoButton: Locator;
  readonly errorMessage: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1, name: 'All tasks' });
    this.quickAdd = this.main.getByRole('textbox', { name: 'Quick add' });
    this.moreOptions = this.main.getByRole('button', { name: /^(More|Fewer) options$/ });
    this.addForm = this.main.getByRole('form', { name: 'Add a task' });
    this.titleInput = this.addForm.getByLabel('Title');
    this.descriptionInput = this.addForm.getByLabel('Description');
    this.dueDateInput = this.addForm.getByLabel('Due date');
    this.priorityInput = this.addForm.getByLabel('Priority');
    this.addButton = this.addForm.getByRole('button', { name: 'Add task' });
    this.addStatus = this.addForm.getByRole('status');
    this.addErrors = this.addForm.getByRole('alert');
    this.listRegion = this.main.getByRole('region', { name: 'Task list' });
    this.search = this.listRegion.getByRole('searchbox', { name: 'Search tasks' });
    this.sort = this.listRegion.getByRole('combobox', { name: 'Sort' });
    this.count = this.listRegion.getByRole('status').first();
    this.list = this.listRegion.getByRole('list', { name: 'Tasks', exact: true });
    this.items = this.list.getByRole('listitem');
    this.completedToggle = this.listRegion.getByRole('button', { name: /^Completed \(/ });
    this.completedList = this.listRegion.getByRole('list', { name: 'Completed tasks' });
    this.addFirstTaskButton = this.listRegion.getByRole('button', { name: 'Add your first task' });
    this.clearSearchButton = this.listRegion.getByRole('button', { name: 'Clear search' });
    this.loadMoreButton = this.listRegion.getByRole('button', { name: /^Load(ing)? more tasks/ });
    this.panel = page.getByRole('dialog', { name: 'Task details' });
    this.notifications = page.getByRole('region', { name: 'Notifications' });
    this.undoButton = this.notifications.getByRole('button', { name: 'Undo' });
    this.errorMessage = this.notifications.getByRole('alert');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** A row among the open tasks, or among the completed ones once they are shown. */
  task(title: string): Locator {
    return this.listRegion.getByRole('listitem', { name: title, exact: true });
  }

  checkbox(title: string): Locator {
    return this.task(title).getByRole('checkbox', { name: `Mark “${title}” done`, exact: true });
  }

  /** The row's second Tab stop, which opens the details panel. */
  openButton(title: string): Locator {
    return this.task(title).getByRole('button', { name: title, exact: true });
  }

  panelField(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }

  async openDetails(title: string): Promise<void> {
    await this.openButton(title).click();
    await expect(this.panel).toBeVisible();
    await expect(this.panelField('Title')).toHaveValue(title);
  }

  async closeDetails(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.panel).toBeHidden();
  }

  async showCompleted(): Promise<void> {
    await this.completedToggle.click();
    await expect(this.completedToggle).toHaveAttribute('aria-expanded', 'true');
  }

  /** Opens the full form (behind More options), fills it and submits, then waits until the server stored the task. */
  async addTask({ title, description, dueDate, priority }: TaskFields): Promise<void> {
    if (!(await this.addForm.isVisible())) await this.moreOptions.click();
    await this.titleInput.fill(title);
    if (description !== undefined) await this.descriptionInput.fill(description);
    if (dueDate !== undefined) await this.dueDateInput.fill(dueDate);
    if (priority !== undefined) await this.priorityInput.selectOption({ label: priority });
    const saved = this.page.waitForResponse((response) => response.url().endsWith('/api/tasks') && response.request().method() === 'POST');
    await this.addButton.click();
    expect((await saved).status()).toBe(201);
    await expect(this.openButton(title)).toBeEnabled();
  }

  /** Toggles a task's checkbox and waits for the server to accept it. */
  async toggle(title: string): Promise<void> {
    const saved = this.page.waitForResponse((response) => response.request().method() === 'PATCH');
    await this.checkbox(title).click();
    expect((await saved).status()).toBe(200);
  }

  /** Opens the details, changes the given fields (each saves as it is left or changed) and closes them. */
  async editTask(title: string, changes: Partial<TaskFields>): Promise<void> {
    await this.openDetails(title);
    const saves: Promise<unknown>[] = [];
    const save = () => saves.push(this.page.waitForResponse((response) => response.request().method() === 'PATCH' && response.status() === 200));
    if (changes.description !== undefined) {
      save();
      await this.panelField('Description').fill(changes.description);
      await this.panelField('Description').blur();
      await Promise.all(saves.splice(0));
    }
    if (changes.dueDate !== undefined) {
      save();
      await this.panelField('Due date').fill(changes.dueDate);
      await Promise.all(saves.splice(0));
    }
    if (changes.priority !== undefined) {
      save();
      await this.panelField('Priority').selectOption({ label: changes.priority });
      await Promise.all(saves.splice(0));
    }
    if (changes.title !== undefined) {
      save();
      await this.panelField('Title').fill(changes.title);
      await this.panelField('Title').press('Enter');
      await Promise.all(saves.splice(0));
    }
    await this.closeDetails();
  }

  /** Deletes through the details panel (the undo toast follows). */
  async deleteTask(title: string): Promise<void> {
    await this.openDetails(title);
    await this.panel.getByRole('button', { name: 'Delete task' }).click();
    await expect(this.panel).toBeHidden();
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
