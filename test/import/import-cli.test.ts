/**
 * `kith import`, `kith export` and `kith contact duplicates` through the real binary.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kith, tempHome } from '../support/cli.js';

const FIX = resolve(import.meta.dirname, '..', 'fixtures', 'import');
const f = (name: string) => join(FIX, name);

describe('kith import / export (CLI)', () => {
  it('imports LinkedIn connections, previews, re-imports without duplicates, and records a job change', async () => {
    const home = tempHome();
    const dry = await kith(home, ['import', f('connections-2025.csv'), '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      format: 'linkedin',
      dryRun: true,
      counts: { new: 4, updated: 0, merged: 0, skipped: 1, invalid: 0 },
      issues: [],
    });
    expect(JSON.parse((await kith(home, ['contact', 'list', '--json'])).stdout).contacts).toEqual([]);

    const first = await kith(home, ['import', 'linkedin', f('connections-2025.csv')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /Imported .*connections-2025\.csv \(linkedin\): 4 new, 0 updated, 0 merged, 1 skipped, 0 invalid\./,
    );
    const again = JSON.parse((await kith(home, ['import', f('connections-2025.csv'), '--json'])).stdout);
    expect(again.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 5, invalid: 0 });

    const newer = await kith(home, ['import', f('connections-2026.csv')]);
    expect(newer.stdout).toContain('Anna Schmidt moved from Acme to Hooli');
    const anna = JSON.parse((await kith(home, ['contact', 'show', 'anna@example.com', '--json'])).stdout);
    expect(anna.company).toBe('Hooli');
  });

  it('merges a vCard on email, suggests same-name duplicates, and lists them with contact duplicates', async () => {
    const home = tempHome();
    await kith(home, ['import', f('connections-2025.csv')]);
    const r = await kith(home, ['import', f('people.vcf'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.counts).toEqual({ new: 2, updated: 0, merged: 1, skipped: 0, invalid: 1 });
    expect(report.issues).toEqual([{ file: f('people.vcf'), line: 29, field: 'FN', message: expect.any(String) }]);
    expect(report.duplicates[0].reason).toBe('same name at Globex');
    const dups = await kith(home, ['contact', 'duplicates', '--json']);
    expect(dups.code).toBe(0);
    const list = JSON.parse(dups.stdout).duplicates;
    expect(list.map((d: { contacts: Array<{ name: string }> }) => d.contacts.map((c) => c.name))).toEqual([
      ['Zoë Müller', 'Zoe Mueller'],
    ]);
    const plain = await kith(home, ['contact', 'duplicates']);
    expect(plain.stdout).toMatch(/kith contact merge \S+ \S+/);
    const [a, b] = list[0].contacts;
    expect((await kith(home, ['contact', 'merge', a.id, b.id])).code).toBe(0);
    expect(JSON.parse((await kith(home, ['contact', 'duplicates', '--json'])).stdout).duplicates).toEqual([]);
  });

  it('exits 2 with file:line for --strict and for a truncated file, 3 for a missing one, and writes nothing', async () => {
    const home = tempHome();
    await kith(home, ['import', f('connections-2025.csv')]);
    const before = (await kith(home, ['export', 'json'])).stdout;
    const strict = await kith(home, ['import', f('people.vcf'), '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${f('people.vcf')}:29: FN:`);
    const cut = await kith(home, ['import', f('truncated.csv')]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(`${f('truncated.csv')}:7: CSV: a quoted cell is never closed`);
    const missing = await kith(home, ['import', f('nope.csv')]);
    expect(missing.code).toBe(3);
    const unknown = await kith(home, ['import', 'excel', f('people.vcf')]);
    expect(unknown.code).toBe(2);
    expect((await kith(home, ['export', 'json'])).stdout).toBe(before);
  });

  it('round-trips a JSON backup through export and import', async () => {
    const home = tempHome();
    await kith(home, ['import', f('connections-2025.csv')]);
    const out = join(tempHome(), 'backup.json');
    expect((await kith(home, ['export', 'json', '-o', out])).code).toBe(0);
    const other = tempHome();
    const r = JSON.parse((await kith(other, ['import', out, '--json'])).stdout);
    expect(r).toMatchObject({ format: 'json', counts: { new: 4 } });
    expect((await kith(other, ['export', 'json'])).stdout).toBe(readFileSync(out, 'utf8'));
  });

  it('exports vcard, csv, markdown and ics', async () => {
    const home = tempHome();
    await kith(home, ['import', f('connections-2025.csv')]);
    const v4 = await kith(home, ['export', 'vcard', '--vcard-version', '4']);
    expect(v4.stdout.match(/BEGIN:VCARD/g)).toHaveLength(4);
    expect(v4.stdout).toContain('VERSION:4.0');
    expect((await kith(home, ['export', 'csv'])).stdout).toMatch(/^Id,Display Name/);
    const dir = join(tempHome(), 'people');
    const md = await kith(home, ['export', 'markdown', '-o', dir]);
    expect(md.code).toBe(0);
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.md'))
        .sort(),
    ).toEqual(['anna-schmidt.md', 'goran-stipetic.md', 'li-lei.md', 'zoe-muller.md']);
    expect((await kith(home, ['export', 'markdown'])).code).toBe(2);
    const ics = await kith(home, ['export', 'ics', '--on', '2026-11-26']);
    expect(ics.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const file = join(tempHome(), 'kith.ics');
    expect((await kith(home, ['export', 'ics', '-o', file])).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect((await kith(home, ['export', 'pdf'])).code).toBe(2);
  });
});
