/**
 * PATCH /api/auth/me: the account page's profile form. The name and time zone are checked by the rules
 * the form checks too (lib/auth/profile-rules.ts); every refusal is a 400 naming its field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser, problemFields, type TestUser } from './client';
import { assertProblem } from './lists-helpers';

type Profile = { id: string; email: string; name: string | null; timeZone: string | null };

async function patchMe(user: TestUser, json: unknown) {
  return user.session.request<{ user: Profile }>('/api/auth/me', { method: 'PATCH', json });
}

async function me(user: TestUser): Promise<Profile> {
  const response = await user.session.request<{ user: Profile }>('/api/auth/me');
  assert.equal(response.status, 200, response.text);
  return response.body.user;
}

describe('PATCH /api/auth/me', () => {
  it('saves a trimmed name and a time zone, answers the profile, and GET reads them back', async () => {
    const user = await createUser({ name: 'Before' });
    const saved = await patchMe(user, { name: '  Grace Hopper ', timeZone: 'America/New_York' });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.user.name, 'Grace Hopper');
    assert.equal(saved.body.user.timeZone, 'America/New_York');
    assert.deepEqual(await me(user), saved.body.user);
  });

  it('an empty or null name clears it; one field alone leaves the other as it was', async () => {
    const user = await createUser({ name: 'Someone' });
    assert.equal((await patchMe(user, { timeZone: 'Asia/Tokyo' })).status, 200);
    assert.equal((await me(user)).name, 'Someone');
    assert.equal((await patchMe(user, { name: '   ' })).body.user.name, null);
    assert.equal((await patchMe(user, { name: 'Again' })).status, 200);
    assert.equal((await patchMe(user, { name: null })).body.user.name, null);
    assert.equal((await me(user)).timeZone, 'Asia/Tokyo');
  });

  const refusals: [string, unknown, string][] = [
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name'],
    ['a name with a control character', { name: 'Tab\u0007bell' }, 'name'],
    ['a name with a direction override', { name: 'abc\u202Edef' }, 'name'],
    ['a name that is not a string', { name: 42 }, 'name'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a time zone of 65 characters', { timeZone: `Europe/${'x'.repeat(58)}` }, 'timeZone'],
    ['an unknown field', { nickname: 'x' }, 'nickname'],
  ];
  for (const [what, body, field] of refusals) {
    it(`${what} is 400 on field ${field}, and changes nothing`, async () => {
      const user = await createUser({ name: 'Unchanged' });
      const response = await patchMe(user, body);
      assertProblem(response, 400, what);
      assert.deepEqual([...new Set(problemFields(response))].filter((name) => name !== '(body)'), [field], JSON.stringify(response.body));
      assert.equal(problemFields(response).filter((name) => name === field).length, 1, 'one message per problem');
      assert.equal((await me(user)).name, 'Unchanged');
    });
  }

  it('an empty body is 400', async () => {
    const user = await createUser();
    assertProblem(await patchMe(user, {}), 400, 'nothing to change');
  });
});
