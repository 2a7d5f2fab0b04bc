/**
 * Properties of the import on arbitrary input: it never fails with anything but an
 * AppError, every issue names a line of the file, a dry run writes nothing, and a
 * second import of the same bytes creates nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup } from '../../src/app/backup.js';
import { runImport } from '../../src/app/import/import-run.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import { AppError } from '../../src/core/errors.js';
import { freshStore } from '../support/stores.js';
import { T0 } from '../support/fixtures.js';

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

const cellText = fc.oneof(
  fc.constantFrom(
    '',
    'Anna',
    'Zoë',
    'Müller',
    '李雷',
    'Acme, Inc.',
    'a"b',
    'x\ny',
    ' pad ',
    'anna@example.com',
    'not-an-email',
    '12 Mar 2021',
    '31 Feb 2022',
  ),
  fc.string({ maxLength: 12 }),
);
const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const row = fc
  .tuple(cellText, cellText, fc.option(fc.nat({ max: 20 }), { nil: null }), cellText, cellText, cellText, cellText)
  .map(([first, last, url, email, company, position, on]) =>
    [first, last, url === null ? '' : `https://www.linkedin.com/in/person-${url}`, email, company, position, on]
      .map(quote)
      .join(','),
  );
const csv = fc.array(row, { maxLength: 12 }).map((rows) => [HEADER, ...rows].join('\n'));

const vcardLine = fc.oneof(
  fc.constantFrom(
    'FN:Anna Schmidt',
    'N:Schmidt;Anna;;;',
    'EMAIL:anna@example.com',
    'ORG:Acme',
    'BDAY:--0412',
    'BDAY:1990-02-30',
    'UID:x-1',
    'TEL:+49 30 1',
    'URL:https://github.com/anna',
    'NOTE:a\\nb',
    'garbage',
  ),
  fc.string({ maxLength: 20 }).map((s) => `X-${s.replace(/[\r\n:]/g, '')}:${s}`),
);
const vcf = fc
  .array(fc.array(vcardLine, { maxLength: 6 }), { maxLength: 5 })
  .map((cards) => cards.map((lines) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n')).join('\r\n'));

describe('import properties (sqlite)', () => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const s = await freshStore('sqlite');
    cleanup = s.cleanup;
    const clock = fixedClock(T0);
    const ids = sequentialIds();
    const user = await localUser(s.store, clock, ids, {});
    ctx = { store: s.store, clock, ids, userId: user.id };
  });
  afterAll(async () => cleanup());

  const checkOne = async (text: string, format: string, name: string): Promise<void> => {
    const before = backupToJson(await exportBackup(ctx));
    const lines = text.split(/\r\n|\r|\n/).length;
    let dry;
    try {
      dry = await runImport(ctx, { source: { bytes: text, name }, format, dryRun: true });
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_input');
      expect(backupToJson(await exportBackup(ctx))).toBe(before);
      return;
    }
    expect(backupToJson(await exportBackup(ctx))).toBe(before);
    for (const i of dry.issues) {
      expect(i.file).toBe(name);
      expect(i.field === null || typeof i.field === 'string').toBe(true);
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.line).toBeLessThanOrEqual(lines);
    }
    const real = await runImport(ctx, { source: { bytes: text, name }, format });
    expect(real.counts).toEqual(dry.counts);
    const again = await runImport(ctx, { source: { bytes: text, name }, format });
    expect(again.counts.new).toBe(0);
  };

  it('LinkedIn CSV: only AppErrors, lines in range, dry run exact and harmless, re-import creates nothing', async () => {
    await fc.assert(
      fc.asyncProperty(csv, (text) => checkOne(text, 'linkedin', 'Connections.csv')),
      { numRuns: 40 },
    );
  });

  it('vCard: the same properties', async () => {
    await fc.assert(
      fc.asyncProperty(vcf, (text) => checkOne(text, 'vcard', 'contacts.vcf')),
      { numRuns: 40 },
    );
  });
});
