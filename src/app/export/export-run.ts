/**
 * `export/run`: the user's data in another format. Every export is built in
 * memory as text (or a set of files) and written by the caller, atomically.
 */
import { AppError } from '../../core/errors.js';
import { isDay } from '../../core/days.js';
import type { Contact, Id, Touchpoint } from '../../core/types.js';
import { writeContactsCsv } from '../../formats/contacts-csv.js';
import { writeIcsFeed } from '../../formats/ics.js';
import { writeVCards } from '../../formats/vcard.js';
import { backupToJson, exportBackup } from '../backup.js';
import { todayOf, type Ctx } from '../ports.js';
import { calendarItems } from './export-ics.js';
import { contactMarkdown, markdownFileNames } from './export-markdown.js';

export const EXPORT_FORMATS = ['json', 'csv', 'vcard', 'markdown', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  format: ExportFormat;
  /** `3` or `3.0` (default), `4` or `4.0`. */
  vcardVersion?: string;
  /** Today, for the calendar window (default: the clock's day). */
  on?: string;
}

export type ExportOutput =
  | { kind: 'text'; text: string; mediaType: string; fileName: string }
  | { kind: 'files'; files: Array<{ name: string; text: string }> };

/** The acting user's data in `format`. Live contacts only, except in the lossless JSON backup. */
export async function runExport(ctx: Ctx, input: ExportInput): Promise<ExportOutput> {
  const { store, userId } = ctx;
  switch (input.format) {
    case 'json':
      return {
        kind: 'text',
        text: backupToJson(await exportBackup(ctx)),
        mediaType: 'application/json',
        fileName: 'kith-backup.json',
      };
    case 'csv':
      return {
        kind: 'text',
        text: writeContactsCsv(await liveContacts(ctx)),
        mediaType: 'text/csv; charset=utf-8',
        fileName: 'kith-contacts.csv',
      };
    case 'vcard': {
      const v = input.vcardVersion ?? '3.0';
      const version = v === '3' || v === '3.0' ? '3.0' : v === '4' || v === '4.0' ? '4.0' : null;
      if (!version) {
        throw new AppError('invalid_input', `vcard-version: "${v}" is not 3 or 4`, {
          issues: [{ field: 'vcardVersion', message: 'must be 3 or 4' }],
        });
      }
      return {
        kind: 'text',
        text: writeVCards(await liveContacts(ctx), { version }),
        mediaType: 'text/vcard; charset=utf-8',
        fileName: 'kith-contacts.vcf',
      };
    }
    case 'ics': {
      if (input.on !== undefined && !isDay(input.on)) {
        throw new AppError('invalid_input', `on: "${input.on}" is not a YYYY-MM-DD day`, {
          issues: [{ field: 'on', message: 'not a day' }],
        });
      }
      const items = calendarItems({
        contacts: await liveContacts(ctx),
        commitments: await store.listRecords('commitment', userId),
        followUps: await store.listRecords('followUp', userId),
        today: todayOf(ctx.clock, input.on),
      });
      return {
        kind: 'text',
        text: writeIcsFeed(items, { name: 'kith', stamp: ctx.clock.now() }),
        mediaType: 'text/calendar; charset=utf-8',
        fileName: 'kith.ics',
      };
    }
    case 'markdown':
      return { kind: 'files', files: await markdownFiles(ctx) };
    default:
      throw new AppError(
        'invalid_input',
        `format: "${String(input.format)}" is not an export format (one of: ${EXPORT_FORMATS.join(', ')})`,
        {
          issues: [{ field: 'format', message: 'unknown format' }],
        },
      );
  }
}

async function liveContacts(ctx: Ctx): Promise<Contact[]> {
  return ctx.store.listContacts(ctx.userId, { state: 'live' });
}

function groupBy<T>(list: T[], keys: (x: T) => Id[]): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const x of list) {
    for (const k of keys(x)) {
      const l = out.get(k) ?? [];
      l.push(x);
      out.set(k, l);
    }
  }
  return out;
}

/** One note per live contact; everything is read once and grouped, not queried per contact. */
async function markdownFiles(ctx: Ctx): Promise<Array<{ name: string; text: string }>> {
  const { store, userId } = ctx;
  const contacts = await liveContacts(ctx);
  const names = new Map(contacts.map((c) => [c.id, c.displayName]));
  const fileNames = markdownFileNames(contacts);
  const touches = groupBy<Touchpoint>(
    await store.listTouchpoints(userId, { state: 'live', order: 'asc' }),
    (t) => t.participantIds,
  );
  const followUps = groupBy(await store.listRecords('followUp', userId), (f) => [f.contactId]);
  const commitments = groupBy(await store.listRecords('commitment', userId), (f) => [f.contactId]);
  return contacts.map((c) => ({
    name: fileNames.get(c.id) ?? `${c.id}.md`,
    text: contactMarkdown(c, {
      touchpoints: touches.get(c.id) ?? [],
      followUps: followUps.get(c.id) ?? [],
      commitments: commitments.get(c.id) ?? [],
      names,
    }),
  }));
}
