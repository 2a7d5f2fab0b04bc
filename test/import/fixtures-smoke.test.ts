/**
 * Every parser fixture of the repository through the import operation: each one
 * imports (or is refused with invalid_input, naming file:line), twice, with nothing
 * created the second time.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/app/import/import-run.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { localUser } from '../../src/app/session.js';
import { AppError } from '../../src/core/errors.js';
import { freshStore } from '../support/stores.js';
import { T0 } from '../support/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..', 'fixtures');
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
const files = [...walk(join(ROOT, 'formats')), ...walk(join(ROOT, 'import'))].sort();
// Files that are meant to be refused, and why.
const REFUSED: Record<string, RegExp> = {
  'formats/activity/mbox/not-mbox.eml': /cannot tell what kind of file/,
  'import/truncated.csv': /import\/truncated\.csv:7: CSV: a quoted cell is never closed/,
};

describe('every fixture through runImport (sqlite)', () => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const s = await freshStore('sqlite');
    cleanup = s.cleanup;
    const clock = fixedClock(T0);
    const ids = sequentialIds();
    const user = await localUser(s.store, clock, ids, {});
    ctx = { store: s.store, clock, ids, userId: user.id };
    await updateProfile(ctx, {
      name: 'Jonas Berg',
      addEmails: ['jonas.berg@example.org'],
      addUrls: ['https://www.linkedin.com/in/jonas-berg-42'],
    });
  });
  afterAll(async () => cleanup());

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s', async (name, path) => {
    const run = () => runImport(ctx, { source: { path, name }, createContacts: true });
    const refused = REFUSED[name];
    if (refused) {
      const e = await run().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_input');
      expect((e as AppError).message).toMatch(refused);
      return;
    }
    const first = await run();
    expect(
      first.counts.new + first.counts.updated + first.counts.merged + first.counts.skipped + first.counts.invalid,
    ).toBeGreaterThan(0);
    const second = await run();
    expect(second.counts.new).toBe(0);
    expect(second.contactsCreated).toBe(0);
  });
});
