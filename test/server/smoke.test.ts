/**
 * The real thing: `kith serve` in a child process on a free port, the `kith user`
 * commands beside it, then SIGTERM and a clean exit. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, kith, tempHome } from '../support/cli.js';
import { waitForIntegrity } from '../support/serve.js';
import { freshPgDatabase } from '../support/stores.js';

describe('kith serve as a process', () => {
  let home: string;
  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('starts on --port 0, answers /healthz and the API with a CLI-made token, and stops cleanly on SIGTERM', async () => {
    const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1' };
    expect(
      (await kith(home, ['user', 'add', 'me@example.com', '--name', 'Sam'], { KITH_PASSWORD: 'a long password' })).code,
    ).toBe(0);
    const made = await kith(home, ['user', 'token', 'add', 'smoke', '--json']);
    expect(made.code).toBe(0);
    const token = JSON.parse(made.stdout).token as string;
    await kith(home, ['contact', 'add', 'Anna Schmidt', '--company', 'Acme']);

    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 15 s: ${stderr}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, integrity: expect.stringMatching(/^(checking|ok)$/) });
      // Writes are accepted once the start-up integrity check has passed.
      expect(await waitForIntegrity(url)).toBe('ok');
      expect(health.headers.get('content-security-policy')).toContain("script-src 'self'");
      const anon = await fetch(`${url}/api/v1/contacts`);
      expect(anon.status).toBe(401);
      const list = await fetch(`${url}/api/v1/contacts`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await list.json()) as { contacts: Array<{ displayName: string }> }).contacts.map((c) => c.displayName)).toEqual([
        'Anna Schmidt',
      ]);
      const login = await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'me@example.com', password: 'a long password' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/kith_session=.*HttpOnly/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; path?: string; status?: number });
    expect(lines.map((l) => l.msg)).toContain('listening');
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', path: '/healthz', status: 200 }));
    expect(lines.map((l) => l.msg).slice(-2)).toEqual(['shutting down', 'stopped']);
  });

  it('serves a PostgreSQL database named by DATABASE_URL, migrating it on start', async () => {
    const url = await freshPgDatabase();
    const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', KITH_HOME: home, NO_COLOR: '1', DATABASE_URL: url };
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 15 s: ${stderr}`)), 15_000);
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      const setup = await fetch(`${base}/api/v1/setup`);
      expect(await setup.json()).toEqual({ needsSetup: true, allowedHere: true });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // The log names the database kind, never the URL with its password.
    expect(stderr).toContain('"database":"postgresql"');
    expect(stderr).not.toContain(url);
  });

  it('says so and exits when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const addr = blocker.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const r = await kith(home, ['serve', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the port is in use');
    } finally {
      blocker.close();
    }
  });

  it('refuses a port that is not a number', async () => {
    const r = await kith(home, ['serve', '--port', 'abc']);
    expect(r.code).toBe(2);
  });
});

describe('kith user', () => {
  let home: string;
  beforeEach(() => {
    home = tempHome();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('gives the owner a login once, then invites; lists users; manages tokens', async () => {
    const noPassword = await kith(home, ['user', 'add', 'me@example.com']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('password');
    const short = await kith(home, ['user', 'add', 'me@example.com'], { KITH_PASSWORD: 'short' });
    expect(short.code).toBe(2);
    expect((await kith(home, ['user', 'add', 'me@example.com'], { KITH_PASSWORD: 'a long password' })).code).toBe(0);
    const invited = await kith(home, ['user', 'add', 'bea@example.com', '--url', 'https://kith.example.com/', '--json']);
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.stdout).url).toMatch(/^https:\/\/kith\.example\.com\/invite\/[A-Za-z0-9_-]+$/);
    const users = JSON.parse((await kith(home, ['user', 'list', '--json'])).stdout).users;
    expect(users.map((u: { email: string; role: string; hasPassword: boolean }) => [u.email, u.role, u.hasPassword])).toEqual([
      ['me@example.com', 'owner', true],
    ]);
    const tok = JSON.parse((await kith(home, ['user', 'token', 'add', 'ci', '--scope', 'read-write', '--json'])).stdout);
    expect(tok.info.scope).toBe('read-write');
    const revoked = await kith(home, ['user', 'token', 'revoke', tok.info.id], { KITH_DEBUG: '1' });
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    expect((await kith(home, ['user', 'token', 'revoke', 'nope'])).code).toBe(3);
    const listed = JSON.parse((await kith(home, ['user', 'token', 'list', '--json'])).stdout).tokens;
    expect(listed[0].revokedAt).not.toBeNull();
    const pw = await kith(home, ['user', 'passwd'], { KITH_PASSWORD: 'another long password' });
    expect(pw.stderr).toBe('');
    expect(pw.code).toBe(0);
  });
});
