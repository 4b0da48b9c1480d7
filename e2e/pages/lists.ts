import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export type ApiList = {
  readonly id: string;
  readonly name: string;
  readonly color: string | null;
  readonly inbox: boolean;
  readonly role: 'owner' | 'editor' | 'viewer';
  readonly counts: { readonly open: number; readonly overdue: number };
};

/** Creates lists through the API, in order (each goes to the end of the sidebar). */
export async function createListsThroughApi(request: APIRequestContext, lists: readonly { name: string; color?: string }[]): Promise<ApiList[]> {
  const created: ApiList[] = [];
  for (const list of lists) {
    const response = await request.post('/api/lists', { data: list });
    expect(response.status(), `create list answered: ${await response.text()}`).toBe(201);
    created.push((await response.json()) as ApiList);
  }
  return created;
}

export async function listsThroughApi(request: APIRequestContext): Promise<ApiList[]> {
  const response = await request.get('/api/lists');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: ApiList[] }).items;
}

export async function inviteThroughApi(request: APIRequestContext, listId: string, email: string, role: 'editor' | 'viewer'): Promise<void> {
  const response = await request.post(`/api/lists/${listId}/invitations`, { data: { email, role } });
  expect(response.status(), `invite answered: ${await response.text()}`).toBe(201);
}

/** The invitee's side: the first pending invitation to `listId`, accepted through the API. */
export async function acceptThroughApi(request: APIRequestContext, listId: string): Promise<void> {
  const invitations = (await (await request.get('/api/invitations')).json()) as { items: { id: string; listId: string }[] };
  const invitation = invitations.items.find((item) => item.listId === listId);
  expect(invitation, 'an invitation to the list').toBeDefined();
  const response = await request.post(`/api/invitations/${invitation!.id}/accept`);
  expect(response.status(), `accept answered: ${await response.text()}`).toBe(200);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The lists navigation: All tasks, the Inbox, the person's lists with their options, and New list. */
export class ListsSidebar {
  readonly nav: Locator;
  readonly allTasksLink: Locator;
  /** The person's lists, the Inbox apart. */
  readonly lists: Locator;
  readonly newListButton: Locator;
  readonly newListForm: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page, scope: Locator | Page = page) {
    this.nav = scope.getByRole('navigation', { name: 'Lists' });
    this.allTasksLink = this.nav.getByRole('link', { name: 'All tasks', exact: true });
    this.lists = this.nav.getByRole('list', { name: 'Lists' }).getByRole('listitem');
    this.newListButton = this.nav.getByRole('button', { name: 'New list' });
    this.newListForm = this.nav.getByRole('form', { name: 'New list' });
    this.problem = this.nav.getByRole('alert');
  }

  /** A list's link; its accessible name goes on with ", shared", ", 2 overdue", ", 3 open". */
  link(name: string): Locator {
    return this.nav.getByRole('link', { name: new RegExp(`^${escapeRegExp(name)}(, |$)`) });
  }

  optionsButton(name: string): Locator {
    return this.nav.getByRole('button', { name: `Options for “${name}”`, exact: true });
  }

  /** One of a list's options (Edit…, Share…, Move up, Move down, Delete…), after opening its menu. */
  async choose(name: string, option: string): Promise<void> {
    await this.optionsButton(name).click();
    await this.page.getByRole('list', { name: `Options for “${name}”` }).getByRole('button', { name: option, exact: true }).click();
  }

  /** The names of the person's lists in sidebar order. */
  async listNames(): Promise<string[]> {
    const snapshot = await this.nav.getByRole('list', { name: 'Lists' }).ariaSnapshot();
    const names = [...snapshot.matchAll(/- link "(.*)"/g)].map((match) => match[1] ?? '');
    return names.map((name) => name.replace(/(, shared)?(, \d+ overdue)?(, \d+ open)?$/, ''));
  }

  async createList(name: string, colour?: string): Promise<void> {
    await this.newListButton.click();
    await this.newListForm.getByLabel('Name').fill(name);
    if (colour) await this.newListForm.getByRole('radio', { name: colour, exact: true }).check();
    await this.newListForm.getByRole('button', { name: 'Add list' }).click();
    await expect(this.page.getByRole('main').getByRole('heading', { level: 1, name })).toBeVisible();
  }
}

/** The dialog that edits a list's name and colour. */
export class EditListDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly save: Locator;

  constructor(page: Page, listName: string) {
    this.dialog = page.getByRole('dialog', { name: `Edit “${listName}”` });
    this.name = this.dialog.getByLabel('Name');
    this.save = this.dialog.getByRole('button', { name: 'Save' });
  }

  colour(name: string): Locator {
    return this.dialog.getByRole('radio', { name, exact: true });
  }
}

/** A list's page: its heading, Share (owner) or Members (anyone else). */
export class ListPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly shareButton: Locator;
  readonly membersButton: Locator;
  readonly viewOnlyNote: Locator;

  constructor(readonly page: Page, readonly name: string) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1, name, exact: true });
    this.shareButton = this.main.getByRole('button', { name: 'Share', exact: true });
    this.membersButton = this.main.getByRole('button', { name: 'Members', exact: true });
    this.viewOnlyNote = this.main.getByText(`You can see the tasks of “${name}” but not change them`);
  }

  async goto(listId: string): Promise<void> {
    await this.page.goto(`/lists/${listId}`);
    await expect(this.heading).toBeVisible();
  }
}

/** The Share dialog (owner) or the Members dialog (anyone else). */
export class ShareDialog {
  readonly dialog: Locator;
  readonly email: Locator;
  readonly role: Locator;
  readonly inviteButton: Locator;
  readonly inviteStatus: Locator;
  readonly pending: Locator;
  readonly members: Locator;
  readonly doneButton: Locator;

  constructor(readonly page: Page, listName: string, as: 'owner' | 'member' = 'owner') {
    this.dialog = page.getByRole('dialog', { name: as === 'owner' ? `Share “${listName}”` : `Members of “${listName}”` });
    const invite = this.dialog.getByRole('form', { name: 'Invite someone' });
    this.email = invite.getByLabel('Email address');
    this.role = invite.getByLabel('Role');
    this.inviteButton = invite.getByRole('button', { name: 'Invite' });
    this.inviteStatus = invite.getByRole('status');
    this.pending = this.dialog.getByRole('region', { name: 'Pending invitations' });
    this.members = this.dialog.getByRole('region', { name: 'Members' });
    this.doneButton = this.dialog.getByRole('button', { name: 'Done' });
  }

  member(text: string): Locator {
    return this.members.getByRole('listitem').filter({ hasText: text });
  }

  roleOf(email: string): Locator {
    return this.members.getByLabel(`Role of ${email}`);
  }

  async invite(email: string, role: 'Editor' | 'Viewer'): Promise<void> {
    await this.email.fill(email);
    await this.role.selectOption({ label: role });
    await this.inviteButton.click();
    await expect(this.inviteStatus).toContainText(`Invited ${email.toLowerCase()}`);
  }
}

/** The invitations notice in the app shell (and the same list on /invitations). */
export class Invitations {
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByRole('main').getByRole('region', { name: 'Invitations', exact: true });
  }

  acceptButton(listName: string, scope: Locator = this.page.getByRole('main')): Locator {
    return scope.getByRole('button', { name: `Accept the invitation to “${listName}”` });
  }

  declineButton(listName: string, scope: Locator = this.page.getByRole('main')): Locator {
    return scope.getByRole('button', { name: `Decline the invitation to “${listName}”` });
  }
}
