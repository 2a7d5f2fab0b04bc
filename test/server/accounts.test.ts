/**
 * Account operations (src/app/accounts.ts) called directly, on both databases:
 * the parts the HTTP tests do not reach.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  createApiToken,
  createInvitation,
  listAccountUsers,
  login,
  sameSecret,
  setOwnerCredentials,
  tokenUser,
} from '../../src/app/accounts.js';
import { AppError } from '../../src/core/errors.js';
import { DIALECTS } from '../support/stores.js';
import { PASSWORD, testServer, type TestServer } from './harness.js';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? (e.details.reason === 'rate_limited' ? 'rate_limited' : e.code) : String(e);
  }
};

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await testServer(dialect);
  });
  afterEach(async () => t.cleanup());

  it('matches the login email without regard to case', async () => {
    expect(await codeOf(login(t, { email: 'Owner@Example.COM', password: PASSWORD, address: 'a' }))).toBe('ok');
  });

  it('forgives failed logins a day old', async () => {
    for (let i = 0; i < 5; i++) await codeOf(login(t, { email: 'owner@example.com', password: 'wrong', address: 'a' }));
    expect(await codeOf(login(t, { email: 'owner@example.com', password: PASSWORD, address: 'a' }))).toBe('rate_limited');
    t.clock.advance(86400 + 1);
    // The count restarts: one more failure does not lock.
    expect(await codeOf(login(t, { email: 'owner@example.com', password: 'wrong', address: 'a' }))).toBe('unauthenticated');
    expect(await codeOf(login(t, { email: 'owner@example.com', password: PASSWORD, address: 'a' }))).toBe('ok');
  });

  it('records a token’s use at most once a minute', async () => {
    const { token, info } = await createApiToken(t.ownerCtx, { name: 'x' });
    expect(info.scope).toBe('read');
    await tokenUser(t, token);
    const rows = async () => (await t.store.listApiTokens(t.owner.id))[0]?.lastUsedAt;
    expect(await rows()).toBe(t.clock.now());
    const at = t.clock.now();
    t.clock.advance(30);
    await tokenUser(t, token);
    expect(await rows()).toBe(at);
    t.clock.advance(31);
    await tokenUser(t, token);
    expect(await rows()).toBe(t.clock.now());
    expect(await tokenUser(t, `${token}x`)).toBeNull();
  });

  it('accepts an invitation without an email for any address, once', async () => {
    const { token } = await createInvitation(t.ownerCtx, {});
    const user = await acceptInvitation(t, { token, email: 'Any@Example.com', password: PASSWORD });
    expect(user).toMatchObject({ email: 'any@example.com', role: 'member', name: 'any' });
    expect(await codeOf(acceptInvitation(t, { token, email: 'other@example.com', password: PASSWORD }))).toBe('not_found');
    expect(await codeOf(createInvitation(t.ownerCtx, { email: 'any@example.com' }))).toBe('conflict');
    expect(await codeOf(createInvitation({ ...t.ownerCtx, userId: user.id }, {}))).toBe('forbidden');
    const users = await listAccountUsers(t.store);
    expect(users.map((u) => [u.email, u.role, u.hasPassword])).toEqual([
      ['owner@example.com', 'owner', true],
      ['any@example.com', 'member', true],
    ]);
  });

  it('will not give the owner an email a member already has, nor reset a set password from the browser', async () => {
    const { token } = await createInvitation(t.ownerCtx, {});
    await acceptInvitation(t, { token, email: 'bea@example.com', password: PASSWORD });
    const table: Array<[unknown, boolean, string]> = [
      [{ email: 'bea@example.com', password: PASSWORD }, false, 'conflict'],
      [{ email: 'new@example.com', password: PASSWORD }, true, 'conflict'],
      [{ email: 'new@example.com', password: 'short' }, false, 'invalid_input'],
      [{ email: 'not an email', password: PASSWORD }, false, 'invalid_input'],
      [{ email: 'new@example.com', password: PASSWORD }, false, 'ok'],
    ];
    for (const [input, onlyIfUnset, code] of table) {
      expect(await codeOf(setOwnerCredentials(t, input, { onlyIfUnset })), JSON.stringify(input)).toBe(code);
    }
  });
});

describe('sameSecret', () => {
  const table: Array<[string, string, boolean]> = [
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['é', 'e', false],
  ];
  for (const [a, b, want] of table) it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => expect(sameSecret(a, b)).toBe(want));
});
