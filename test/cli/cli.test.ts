/**
 * The kith CLI end to end: real processes, a real SQLite file in a temp KITH_HOME.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, kith, tempHome } from '../support/cli.js';

describe('kith CLI', () => {
  it('shows help and version', async () => {
    const help = await kith(tempHome(), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/contact/);
    expect(help.stdout).toMatch(/search/);
    const sub = await kith(tempHome(), ['contact', 'add', '--help']);
    expect(sub.stdout).toMatch(/Examples:/);
    expect((await kith(tempHome(), ['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = await kith(tempHome(), ['frobnicate']);
    expect(bad.code).toBe(2);
  });

  it('stops quietly when the reader of its output goes away (kith today | true)', async () => {
    const home = tempHome();
    expect((await kith(home, ['demo'])).code).toBe(0);
    // `true` exits without reading, so every write of kith's finds the pipe closed.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" today | true; echo "exit \${PIPESTATUS[0]}" >&2`], {
      env: { ...process.env, KITH_HOME: home },
      encoding: 'utf8',
    });
    expect(r.stderr.trim()).toBe('exit 0');
  });

  it('adds a contact, lists her and finds her folded', async () => {
    const home = tempHome();
    const add = await kith(home, ['contact', 'add', 'Zoë Łukasz-Müller', '--email', 'zoe@example.com', '--json']);
    expect(add.code).toBe(0);
    const zoe = JSON.parse(add.stdout);
    expect(zoe.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(zoe.displayName).toBe('Zoë Łukasz-Müller');
    const list = JSON.parse((await kith(home, ['contact', 'list', '--json'])).stdout);
    expect(list.contacts.map((c: { id: string }) => c.id)).toEqual([zoe.id]);
    for (const q of ['müller', 'muller', 'lukasz']) {
      const r = JSON.parse((await kith(home, ['search', q, '--json'])).stdout);
      expect(r.results.map((x: { id: string }) => x.id)).toEqual([zoe.id]);
    }
    const plain = await kith(home, ['search', 'muller']);
    expect(plain.stdout).toContain('Zoë Łukasz-Müller');
  });

  it('exits 2 naming the field for bad input, 3 for unknown, 4 for a conflict, and lists candidates', async () => {
    const home = tempHome();
    const empty = await kith(home, ['contact', 'add', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/name: must not be empty/);
    expect(empty.stderr).not.toMatch(/at .*\.js/);
    expect((await kith(home, ['contact', 'add', 'X', '--cadence', 'often'])).code).toBe(2);
    expect((await kith(home, ['contact', 'add', 'X', '--birthday', '2026-02-30'])).stderr).toMatch(/birthday/);
    await kith(home, ['contact', 'add', 'Anna Schmidt', '--email', 'anna@example.com']);
    await kith(home, ['contact', 'add', 'Anna Berg']);
    const amb = await kith(home, ['contact', 'show', 'anna']);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('Anna Berg');
    expect(amb.stderr).toContain('Anna Schmidt');
    expect((await kith(home, ['contact', 'show', 'nobody'])).code).toBe(3);
    const dup = await kith(home, ['contact', 'add', 'A. Schmidt', '--email', 'anna@example.com']);
    expect(dup.code).toBe(4);
    expect(dup.stderr).toContain('already belongs to Anna Schmidt');
    const shown = await kith(home, ['contact', 'show', 'anna@example.com', '--json']);
    expect(JSON.parse(shown.stdout).displayName).toBe('Anna Schmidt');
    // A limit of 0 is refused, not read as no limit at all.
    for (const args of [['contact', 'list'], ['search', 'anna'], ['contact', 'duplicates'], ['intro', 'suggest']]) {
      const zero = await kith(home, [...args, '--limit', '0']);
      expect(zero.code, args.join(' ')).toBe(2);
      expect(zero.stderr).toContain('--limit must be a whole number, at least 1.');
    }
    expect((await kith(home, ['contact', 'list', '--limit', '1'])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('logs touches, trashes and restores, merges', async () => {
    const home = tempHome();
    await kith(home, ['contact', 'add', 'Anna Schmidt', '--circle', 'inner', '--topic', 'side-project:WASM GC']);
    await kith(home, ['contact', 'add', 'Li Lei']);
    const log = await kith(home, [
      'log',
      'coffee',
      '--with',
      'anna',
      '--with',
      'li lei',
      '--on',
      '2026-11-20',
      '--summary',
      'Rust meetup',
      '--json',
    ]);
    expect(log.code).toBe(0);
    expect(JSON.parse(log.stdout).contacts.map((c: { name: string }) => c.name)).toEqual(['Anna Schmidt', 'Li Lei']);
    expect((await kith(home, ['log', 'teleport', '--with', 'anna'])).code).toBe(2);
    const show = JSON.parse((await kith(home, ['contact', 'show', 'anna', '--json'])).stdout);
    expect(show.lastTouchAt).toBe('2026-11-20T12:00:00.000Z');
    expect(show.touchpoints).toHaveLength(1);
    expect((await kith(home, ['contact', 'rm', 'li'])).code).toBe(0);
    expect((await kith(home, ['contact', 'show', 'li'])).code).toBe(3);
    expect(JSON.parse((await kith(home, ['contact', 'list', '--trash', '--json'])).stdout).contacts).toHaveLength(1);
    expect((await kith(home, ['contact', 'restore', 'li'])).code).toBe(0);
    await kith(home, ['contact', 'add', 'Anna S.', '--email', 'anna.s@example.com']);
    const merged = await kith(home, ['contact', 'merge', 'anna schmidt', 'anna s.', '--json']);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout).identities[0].value).toBe('anna.s@example.com');
  });

  it('round-trips a JSON backup by hand, and refuses a broken one leaving the data as it was', async () => {
    const home = tempHome();
    await kith(home, ['me', '--name', 'Sam Rivera', '--email', 'sam@example.com']);
    await kith(home, [
      'contact',
      'add',
      'Zoë Łukasz-Müller',
      '--email',
      'zoe@example.com',
      '--notes',
      'line one\nline two',
      '--topic',
      'goal:Ship a GC',
      '--birthday',
      '04-12',
    ]);
    await kith(home, ['contact', 'add', '李雷', '--circle', 'inner']);
    await kith(home, ['log', 'video', '--with', 'zoe', '--with', '李雷', '--on', '2026-11-01', '--by', 'them']);
    const first = await kith(home, ['export', 'json']);
    expect(first.code).toBe(0);
    const file = join(home, 'backup.json');
    writeFileSync(file, first.stdout);

    const home2 = tempHome();
    const imp = await kith(home2, ['import', 'json', file, '--json']);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout).counts.new).toBe(3);
    const second = await kith(home2, ['export', 'json']);
    expect(second.stdout).toBe(first.stdout);

    const broken = join(home, 'broken.json');
    writeFileSync(broken, first.stdout.slice(0, first.stdout.length - 40));
    const bad = await kith(home2, ['import', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json:\d+:\d+: not valid JSON/);
    const mistyped = join(home, 'mistyped.json');
    writeFileSync(mistyped, first.stdout.replace('"kind": "video"', '"kind": "hologram"'));
    const bad2 = await kith(home2, ['import', 'json', mistyped]);
    expect(bad2.code).toBe(2);
    expect(bad2.stderr).toMatch(/mistyped\.json:\d+: touchpoints\.0\.kind/);
    expect((await kith(home2, ['export', 'json'])).stdout).toBe(first.stdout);
    expect((await kith(home2, ['import', join(home, 'missing.json')])).code).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe(first.stdout);
  });

  it('lets two processes write one SQLite file at once without losing a write', { timeout: 900_000 }, async () => {
    const home = tempHome();
    await kith(home, ['contact', 'add', 'Anna Schmidt']);
    await kith(home, ['contact', 'add', 'Ben Okafor']);
    const loop = async (who: string): Promise<number[]> => {
      const codes: number[] = [];
      for (let i = 0; i < 200; i++) codes.push((await kith(home, ['log', 'dm', '--with', who, '--summary', `${who} ${i}`])).code);
      return codes;
    };
    const [a, b] = await Promise.all([loop('anna'), loop('ben')]);
    expect(a.filter((c) => c !== 0)).toEqual([]);
    expect(b.filter((c) => c !== 0)).toEqual([]);
    const count = async (who: string) => JSON.parse((await kith(home, ['contact', 'show', who, '--json'])).stdout);
    const backup = JSON.parse((await kith(home, ['export', 'json'])).stdout);
    expect(backup.touchpoints).toHaveLength(400);
    expect((await count('anna')).lastTouchAt).not.toBeNull();
  });
});
