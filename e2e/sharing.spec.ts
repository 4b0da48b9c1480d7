import type { Page } from '@playwright/test';
import { expect, expectAccessibleAndFitting, pathIs, test } from './fixtures';
import {
  acceptThroughApi,
  createListsThroughApi,
  Invitations,
  inviteThroughApi,
  ListPage,
  ListsSidebar,
  ShareDialog,
} from './pages/lists';
import { SignInPage } from './pages/sign-in-page';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

/** The owner's Share dialog for `name`, opened from the list's page. */
async function openShare(page: Page, listId: string, name: string): Promise<ShareDialog> {
  const listPage = new ListPage(page, name);
  await listPage.goto(listId);
  await listPage.shareButton.click();
  const share = new ShareDialog(page, name);
  await expect(share.dialog).toBeVisible();
  return share;
}

test('an owner shares a list; the invitee accepts, edits it, becomes a viewer, and is removed', async ({
  signedInPage: owner,
  user,
  otherPage: invitee,
  otherUser,
}) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Groceries', color: '#3a9a4f' }]);
  await createTasksThroughApi(owner.request, [{ title: 'Buy milk', listId: list!.id }]);

  // The owner invites by email as an editor; the invitation waits in the dialog.
  const share = await openShare(owner, list!.id, 'Groceries');
  await expect(share.email).toBeFocused();
  await share.invite(otherUser.email, 'Editor');
  await expect(share.pending).toContainText(otherUser.email.toLowerCase());
  await expect(share.pending).toContainText('Editor');
  await expect(share.member(user.email)).toContainText('Owner');

  // The invitee sees the notice, accepts, and lands in the list.
  const invitations = new Invitations(invitee);
  await invitee.reload();
  await expect(invitations.notice).toContainText(`${user.email} invited you to “Groceries” as an editor.`);
  await invitations.acceptButton('Groceries').click();
  await expect(invitee).toHaveURL(pathIs(`/lists/${list!.id}`));
  const inviteeList = new ListPage(invitee, 'Groceries');
  await expect(inviteeList.heading).toBeVisible();
  await expect(invitations.notice).toHaveCount(0);
  await expect(new ListsSidebar(invitee).link('Groceries')).toHaveAccessibleName('Groceries, shared, 1 open');

  // As an editor they add a task and edit the owner's.
  const inviteeTasks = new TasksPage(invitee);
  await expect(inviteeTasks.task('Buy milk')).toBeVisible();
  await inviteeTasks.addTask({ title: 'Bread' });
  await inviteeTasks.editTask('Buy milk', { title: 'Buy oat milk' });
  await expect(inviteeTasks.task('Buy oat milk')).toBeVisible();

  // The owner sees both (after a reload), and the invitee among the members.
  const ownerTasks = new TasksPage(owner);
  await owner.reload();
  await expect(ownerTasks.task('Bread')).toBeVisible();
  await expect(ownerTasks.task('Buy oat milk')).toBeVisible();
  await expect(new ListsSidebar(owner).link('Groceries')).toHaveAccessibleName('Groceries, shared, 2 open');

  // The owner makes them a viewer: no edit controls for them any more.
  const again = await openShare(owner, list!.id, 'Groceries');
  await expect(again.pending).toContainText('No invitations waiting');
  await expect(again.roleOf(otherUser.email)).toHaveValue('editor');
  const roleSaved = owner.waitForResponse((response) => response.request().method() === 'PATCH');
  await again.roleOf(otherUser.email).selectOption({ label: 'Viewer' });
  expect((await roleSaved).status()).toBe(200);

  await invitee.reload();
  await expect(inviteeList.viewOnlyNote).toBeVisible();
  await expect(inviteeTasks.addForm).toHaveCount(0);
  await expect(inviteeTasks.checkbox('Bread')).toBeDisabled();
  await expect(inviteeTasks.task('Bread')).toContainText('View only');
  await inviteeTasks.openDetails('Bread');
  await expect(inviteeTasks.panelField('Title')).toBeDisabled();
  await expect(inviteeTasks.panel.getByRole('button', { name: 'Delete task' })).toHaveCount(0);
  await expect(inviteeTasks.panel.getByLabel(/^Attach images/)).toHaveCount(0);
  await inviteeTasks.closeDetails();
  await expect(inviteeList.membersButton).toBeVisible();

  // Removed: the list is gone for them.
  await again.member(otherUser.email).getByRole('button', { name: `Remove ${otherUser.email}` }).click();
  const removed = owner.waitForResponse((response) => response.request().method() === 'DELETE');
  await again.member(otherUser.email).getByRole('button', { name: 'Remove', exact: true }).click();
  expect((await removed).status()).toBe(204);
  await expect(again.member(otherUser.email)).toHaveCount(0);

  await invitee.reload();
  await expect(invitee.getByRole('heading', { level: 1, name: 'There is no such list' })).toBeVisible();
  await expect(new ListsSidebar(invitee).link('Groceries')).toHaveCount(0);
});

test('a member sees who is in a list and may leave it', async ({ signedInPage: owner, user, otherPage: member, otherUser }) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Trip to Rome' }]);
  await inviteThroughApi(owner.request, list!.id, otherUser.email, 'viewer');
  await acceptThroughApi(member.request, list!.id);

  const listPage = new ListPage(member, 'Trip to Rome');
  await listPage.goto(list!.id);
  await expect(listPage.shareButton).toHaveCount(0);
  await listPage.membersButton.click();
  const members = new ShareDialog(member, 'Trip to Rome', 'member');
  await expect(members.dialog).toContainText('You are a viewer of this list.');
  await expect(members.member(user.email)).toContainText('Owner');
  await expect(members.member(otherUser.email)).toContainText('(you)');
  await expect(members.email).toHaveCount(0);
  await expect(members.members.getByRole('combobox')).toHaveCount(0);

  await members.member(otherUser.email).getByRole('button', { name: 'Leave list' }).click();
  await expect(members.member(otherUser.email)).toContainText('Leave “Trip to Rome”?');
  await members.member(otherUser.email).getByRole('button', { name: 'Leave list' }).click();
  await expect(member).toHaveURL(pathIs('/'));
  await expect(new ListsSidebar(member).link('Trip to Rome')).toHaveCount(0);

  await member.goto(`/lists/${list!.id}`);
  await expect(member.getByRole('heading', { level: 1, name: 'There is no such list' })).toBeVisible();
});

test('the invitations page lists invitations; a declined one is gone', async ({ signedInPage: owner, otherPage: invitee, otherUser }) => {
  const [first, second] = await createListsThroughApi(owner.request, [{ name: 'Book club' }, { name: 'Garden' }]);
  await inviteThroughApi(owner.request, first!.id, otherUser.email, 'editor');
  await inviteThroughApi(owner.request, second!.id, otherUser.email, 'viewer');

  const invitations = new Invitations(invitee);
  await invitee.goto('/invitations');
  const main = invitee.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
  await expect(invitations.notice).toHaveCount(0);
  await expect(main).toContainText('invited you to “Book club” as an editor.');
  await expect(main).toContainText('invited you to “Garden” as a viewer.');

  const declined = invitee.waitForResponse((response) => response.url().endsWith('/decline'));
  await invitations.declineButton('Book club').click();
  await expect(main).not.toContainText('“Book club”');
  expect((await declined).status()).toBe(204);
  await invitee.reload();
  await expect(main).not.toContainText('“Book club”');

  await invitations.acceptButton('Garden').click();
  await expect(new ListPage(invitee, 'Garden').heading).toBeVisible();
  await invitee.goto('/invitations');
  await expect(main.getByText('No invitations are waiting for you.')).toBeVisible();
});

test('the link in the invitation email works for someone signed out: sign in, then the invitations', async ({
  signedInPage: owner,
  browser,
  baseURL,
  extraHTTPHeaders,
  otherUser,
}) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Book club' }]);
  await inviteThroughApi(owner.request, list!.id, otherUser.email, 'editor');
  const context = await browser.newContext({ baseURL, extraHTTPHeaders });
  const page = await context.newPage();

  await page.goto('/invitations');
  await expect(page).toHaveURL(pathIs('/sign-in'));
  expect(new URL(page.url()).searchParams.get('next')).toBe('/invitations');
  const signIn = new SignInPage(page);
  await signIn.signIn(otherUser.email, otherUser.password);
  await expect(page).toHaveURL(pathIs('/invitations'));
  await new Invitations(page).acceptButton('Book club').click();
  await expect(new ListPage(page, 'Book club').heading).toBeVisible();
  await context.close();
});

test('an invitation that cannot be accepted comes back with the reason', async ({ signedInPage: owner, otherPage: invitee, otherUser }) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Book club' }]);
  await inviteThroughApi(owner.request, list!.id, otherUser.email, 'editor');
  await invitee.route('**/api/invitations/*/accept', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'DynamoDB is unavailable. Try again shortly.' }),
    }),
  );
  const invitations = new Invitations(invitee);
  await invitee.reload();
  await invitations.acceptButton('Book club').click();
  await expect(invitations.notice.getByRole('alert')).toContainText('You could not join “Book club”. DynamoDB is unavailable. Try again shortly.');
  await expect(invitations.acceptButton('Book club')).toBeVisible();
  await expect(invitee).toHaveURL(pathIs('/'));
});

test('the Share dialog says what is wrong with an address and keeps it', async ({ signedInPage: owner }) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Groceries' }]);
  const share = await openShare(owner, list!.id, 'Groceries');
  await share.email.fill('not-an-address');
  await share.inviteButton.click();
  await expect(share.dialog.getByRole('alert')).toContainText('Enter an email address like sam@example.com.');
  await expect(share.email).toHaveAttribute('aria-invalid', 'true');
  await expect(share.email).toHaveValue('not-an-address');

  await owner.keyboard.press('Escape');
  await expect(share.dialog).toBeHidden();
  await expect(new ListPage(owner, 'Groceries').shareButton).toBeFocused();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test.describe(`at ${viewport.width} px, ${colorScheme} scheme`, () => {
      test.use({ viewport, colorScheme });

      test('the Share and Members dialogs, the invitation notice and page, and a viewer’s list pass axe and fit', async ({
        signedInPage: owner,
        otherPage: other,
        otherUser,
      }) => {
        const [shared, invited] = await createListsThroughApi(owner.request, [
          { name: 'Groceries', color: '#3a9a4f' },
          { name: `A list with a very long name ${'that goes on '.repeat(5)}`.trim() },
        ]);
        await createTasksThroughApi(owner.request, [{ title: 'Buy milk', listId: shared!.id }]);
        await inviteThroughApi(owner.request, shared!.id, otherUser.email, 'viewer');
        await acceptThroughApi(other.request, shared!.id);
        await inviteThroughApi(owner.request, invited!.id, otherUser.email, 'editor');
        await inviteThroughApi(owner.request, shared!.id, `someone-with-a-long-address-${'x'.repeat(30)}@example.test`, 'editor');

        const share = await openShare(owner, shared!.id, 'Groceries');
        await expect(share.roleOf(otherUser.email)).toBeVisible();
        await expect(share.pending).toContainText('someone-with-a-long-address');
        await expectAccessibleAndFitting(owner);
        await share.member(otherUser.email).getByRole('button', { name: `Remove ${otherUser.email}` }).click();
        await expect(share.member(otherUser.email)).toContainText('Remove');
        await expectAccessibleAndFitting(owner);

        const viewerList = new ListPage(other, 'Groceries');
        await viewerList.goto(shared!.id);
        await expect(viewerList.viewOnlyNote).toBeVisible();
        await expect(new Invitations(other).notice).toBeVisible();
        await expectAccessibleAndFitting(other);
        await viewerList.membersButton.click();
        await expect(new ShareDialog(other, 'Groceries', 'member').members).toContainText('(you)');
        await expectAccessibleAndFitting(other);
        await other.keyboard.press('Escape');

        await other.goto('/invitations');
        await expect(other.getByRole('main')).toContainText('invited you to “A list with a very long name');
        await expectAccessibleAndFitting(other);
      });
    });
  }
}
