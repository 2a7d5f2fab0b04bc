/**
 * The engine's commands through the real binary, with the JSON shapes PRODUCT.md promises.
 */
import { describe, expect, it } from 'vitest';
import { kith, tempHome } from '../support/cli.js';
import { DIALECTS, freshPgDatabase } from '../support/stores.js';

describe.each(DIALECTS)('kith engine commands on %s', (dialect) => {
  it('today, capture, draft check, health, promise and follow-up print the documented JSON', { timeout: 300_000 }, async () => {
    const home = tempHome();
    const env: Record<string, string> = dialect === 'postgres' ? { DATABASE_URL: await freshPgDatabase() } : {};
    const run = async (...args: string[]) => {
      const r = await kith(home, args, env);
      if (r.code !== 0) throw new Error(`kith ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return r.stdout;
    };
    await run('me', '--name', 'Sam', '--scheduling-link', 'https://cal.com/sam');
    await run('contact', 'add', 'Anna Schmidt', '--circle', 'inner', '--topic', 'side-project:Rust meetup');
    await run('contact', 'add', 'Li Lei', '--birthday', '11-29');
    const cap = JSON.parse(
      await run(
        'capture',
        'coffee with Anna Schmidt yesterday about Rust meetup; promised to send slides by Friday',
        '--on',
        '2026-11-26',
        '--json',
      ),
    );
    expect(cap.touchpoint.kind).toBe('coffee');
    expect(cap.commitments[0].dueOn).toBe('2026-11-27');

    const today = JSON.parse(await run('today', '--on', '2026-11-27', '--json'));
    expect(today.date).toBe('2026-11-27');
    expect(today.items.length).toBeGreaterThan(0);
    for (const item of today.items) {
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'kind', 'contacts', 'reason', 'score', 'suggestion']));
    }
    expect(today.items[0].kind).toBe('commitment');
    expect(await run('done', '1', '--on', '2026-11-27')).toMatch(/Done: commitment:/);
    const after = JSON.parse(await run('today', '--on', '2026-11-27', '--json'));
    expect(after.items.some((i: { kind: string }) => i.kind === 'commitment')).toBe(false);

    const draft = JSON.parse(await run('draft', 'check', 'anna', '--text', 'Happy holidays!', '--json'));
    expect(Object.keys(draft).sort()).toEqual(['findings', 'score', 'suggestions']);
    expect(draft.score).toBeLessThan(40);
    expect(draft.findings[0]).toEqual({ code: expect.any(String), message: expect.any(String) });

    const health = JSON.parse(await run('health', 'anna', '--on', '2026-11-27', '--json'));
    expect(health.contact.name).toBe('Anna Schmidt');
    expect(health.components).toHaveLength(5);
    expect(health.components[0]).toEqual(
      expect.objectContaining({ name: 'recency', score: expect.any(Number), explanation: expect.any(String) }),
    );
    expect(await run('health', '--on', '2026-11-27')).toMatch(/Network health/);

    const p = JSON.parse(await run('promise', 'li', 'send the paper', '--due', '2026-12-01', '--json'));
    expect(await run('kept', p.id.slice(-8))).toMatch(/Kept: send the paper/);
    await run('followup', 'add', 'anna', 'Send the WASM GC article', '--due', '2026-12-02');
    expect(JSON.parse(await run('followup', 'list', '--json')).followUps).toHaveLength(1);
    await run('give', 'anna', 'review', '--note', 'PR on the parser');
    expect(JSON.parse(await run('balance', 'anna', '--json')).given).toBe(1);

    const bad = await kith(home, ['capture', 'lunch with Bob Dylan'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Bob Dylan/);
    expect((await kith(home, ['give', 'anna', 'hug'], env)).code).toBe(2);
    expect((await kith(home, ['snooze', '1', '--until', 'soon'], env)).code).toBe(2);
  });
});
