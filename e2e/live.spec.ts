import { expect, test } from './fixtures';
import { expectLive, LIVE_WITHIN_MS, liveIndicator, openSecondDevice } from './pages/live';
import { acceptThroughApi, createListsThroughApi, inviteThroughApi, ListPage, ListsSidebar } from './pages/lists';
import { createTasksThroughApi, TasksPage } from './pages/tasks-page';

test('two devices of one person see each other’s changes without a reload', async ({ signedInPage: laptop, user, browser }) => {
  const phone = await openSecondDevice(laptop, browser, user);
  await Promise.all([expectLive(laptop), expectLive(phone)]);

  const laptopTasks = new TasksPage(laptop);
  const phoneTasks = new TasksPage(phone);
  await laptopTasks.addTask({ title: 'Call the plumber' });
  await expect(phoneTasks.task('Call the plumber')).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(new ListsSidebar(phone).link('Inbox')).toHaveAccessibleName(/1 open/, { timeout: LIVE_WITHIN_MS });

  await phoneTasks.editTask('Call the plumber', { title: 'Call the plumber at 9' });
  await expect(laptopTasks.task('Call the plumber at 9')).toBeVisible({ timeout: LIVE_WITHIN_MS });

  await phoneTasks.toggle('Call the plumber at 9');
  await expect(laptopTasks.task('Call the plumber at 9')).toHaveCount(0, { timeout: LIVE_WITHIN_MS });
  await phone.context().close();
});

test('members of a shared list see each other’s changes live', async ({ signedInPage: owner, otherPage: member, otherUser }) => {
  const [list] = await createListsThroughApi(owner.request, [{ name: 'Trip' }]);
  await inviteThroughApi(owner.request, list!.id, otherUser.email, 'editor');
  await acceptThroughApi(member.request, list!.id);
  await new ListPage(owner, 'Trip').goto(list!.id);
  await new ListPage(member, 'Trip').goto(list!.id);
  await Promise.all([expectLive(owner), expectLive(member)]);

  await createTasksThroughApi(owner.request, [{ title: 'Book the train', listId: list!.id }]);
  const memberTasks = new TasksPage(member);
  await expect(memberTasks.task('Book the train')).toBeVisible({ timeout: LIVE_WITHIN_MS });

  await memberTasks.addTask({ title: 'Pack a towel' });
  await expect(new TasksPage(owner).task('Pack a towel')).toBeVisible({ timeout: LIVE_WITHIN_MS });
  await expect(liveIndicator(owner)).toHaveText('Live');
});
