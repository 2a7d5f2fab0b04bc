/**
 * `import/run`: one file of any supported format into the user's data.
 *
 * The whole import is one transaction: all or nothing. A dry run is the real
 * import rolled back at the end, so its preview is exact. Bad records are reported
 * with `file:line` and never dropped silently; `strict` stops at the first one; a
 * corrupt or truncated file stops the import. LinkedIn, Google and Outlook CSV, vCard,
 * mbox and JSON backups are streamed, so memory stays bounded whatever the file size.
 */
import { AppError } from '../../core/errors.js';
import type { ContactDraft, ParseIssue, ParseResult, PostDraft, TouchpointDraft } from '../../core/drafts.js';
import type { Profile } from '../../core/types.js';
import { restoreBackupStream } from '../backup.js';
import { streamGoogleCsv, streamOutlookCsv } from '../../formats/contacts-csv.js';
import type { RecordEvent } from '../../formats/csv-reader.js';
import { detectFormat, type ImportFormat } from '../../formats/format-detect.js';
import { streamLinkedInConnections } from '../../formats/linkedin-connections.js';
import { parseLinkedInMessages } from '../../formats/linkedin-messages.js';
import { streamVCards } from '../../formats/vcard.js';
import { todayOf, type Ctx } from '../ports.js';
import { profileOf } from '../session.js';
import { ContactIndex } from './contact-index.js';
import { PostImporter, TouchpointImporter } from './import-activity.js';
import { ContactImporter } from './import-contacts.js';
import { ReportBuilder, formatIssue, isCorruptFileIssue, type ImportReport } from './import-report.js';
import { asText, byteStream, readAll, readHead, sourceName, sourceSize, type ImportSource } from './import-source.js';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  'linkedin',
  'linkedin-messages',
  'vcard',
  'google-csv',
  'outlook-csv',
  'ics',
  'mbox',
  'feed',
  'json',
];

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportInput {
  source: ImportSource;
  /** Left out: detected from the content and the file name. */
  format?: string | null;
  dryRun?: boolean;
  /** Stop at the first problem; nothing is written. */
  strict?: boolean;
  /** Create contacts for the unknown people in meetings and messages. */
  createContacts?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

class DryRunDone extends Error {}

/** Contacts matched and written per round trip: bounded memory, few statements. */
const BATCH = 500;

/** Imports a file (or previews it with `dryRun`) and says what happened. */
export async function runImport(ctx: Ctx, input: ImportInput): Promise<ImportReport> {
  const file = sourceName(input.source);
  if (input.format && !IMPORT_FORMATS.includes(input.format as ImportFormat)) {
    throw new AppError(
      'invalid_input',
      `format: "${input.format}" is not an import format (one of: ${IMPORT_FORMATS.join(', ')})`,
      {
        issues: [{ field: 'format', message: 'unknown format' }],
      },
    );
  }
  const totalBytes = await sourceSize(input.source);
  const format = (input.format as ImportFormat | undefined) ?? detectFormat(file, await readHead(input.source));
  if (!format) {
    throw new AppError(
      'invalid_input',
      `${file}: cannot tell what kind of file this is; name the format (one of: ${IMPORT_FORMATS.join(', ')})`,
      {
        issues: [{ file, line: 1, field: 'format', message: 'unknown' }],
      },
    );
  }
  const profile = await profileOf(ctx);
  checkSelf(format, profile);

  const report = new ReportBuilder(format, file, !!input.dryRun);
  let bytesRead = 0;
  let records = 0;
  let lastTick = 0;
  const progress = (force = false): void => {
    if (!input.onProgress) return;
    if (force || records - lastTick >= 250) {
      lastTick = records;
      input.onProgress({ bytesRead, totalBytes, records });
    }
  };
  const onBytes = (n: number): void => {
    bytesRead += n;
  };

  const onIssue = (i: ParseIssue): void => {
    const where = { file, line: i.line, ...(i.field ? { field: i.field } : {}), message: i.message };
    if (isCorruptFileIssue(i)) {
      throw new AppError(
        'invalid_input',
        `${formatIssue(where)} (is it a complete ${format} file? It looks truncated, corrupt or of another kind; nothing was imported)`,
        {
          issues: [where],
        },
      );
    }
    if (input.strict) {
      throw new AppError(
        'invalid_input',
        `${formatIssue(where)} (--strict: stopped at the first problem; nothing was imported)`,
        { issues: [where] },
      );
    }
    report.issue(i);
  };

  try {
    await ctx.store.transaction(async (store) => {
      const tctx: Ctx = { ...ctx, store };
      const today = todayOf(ctx.clock);
      const tick = (): void => {
        records++;
        progress();
      };
      if (format === 'json') {
        // Streamed record by record: a backup of any size restores in bounded memory.
        const counts = await restoreBackupStream(tctx, byteStream(input.source, onBytes), file);
        report.report.counts.new = counts.new;
        report.report.counts.updated = counts.updated;
        records = counts.new + counts.updated;
        return finishOrRollBack(input);
      }
      const index = await ContactIndex.load(store, ctx.userId);
      const contacts = new ContactImporter(tctx, index, report, format, today);

      if (format === 'linkedin' || format === 'google-csv' || format === 'outlook-csv' || format === 'vcard') {
        let batch: ContactDraft[] = [];
        const applyBatch = async (): Promise<void> => {
          await contacts.applyBatch(batch);
          records += batch.length;
          batch = [];
          progress();
        };
        for await (const ev of contactEvents(format, input.source, onBytes)) {
          if (ev.kind === 'issue') onIssue(ev.issue);
          else if (ev.kind === 'skipped') report.passOver(ev.reason, ev.line);
          else {
            batch.push(ev.record);
            if (batch.length >= BATCH) await applyBatch();
          }
        }
        await applyBatch();
      } else if (format === 'feed') {
        const posts = await PostImporter.load(tctx, report, 'feed');
        const { parseFeed } = await import('../../formats/feed.js');
        const parsed = parseFeed(asText(await readAll(input.source, onBytes)));
        for await (const ev of resultEvents<PostDraft>(parsed)) {
          if (ev.kind === 'issue') onIssue(ev.issue);
          else if (ev.kind === 'skipped') report.passOver(ev.reason, ev.line);
          else {
            await posts.apply(ev.record);
            tick();
          }
        }
      } else {
        const touches = new TouchpointImporter(tctx, contacts, report, format, !!input.createContacts);
        let batch: TouchpointDraft[] = [];
        const applyBatch = async (): Promise<void> => {
          await touches.applyBatch(batch);
          records += batch.length;
          batch = [];
          progress();
        };
        for await (const ev of touchEvents(format, input.source, profile, ctx.clock.now(), onBytes)) {
          if (ev.kind === 'issue') onIssue(ev.issue);
          else if (ev.kind === 'skipped') report.passOver(ev.reason, ev.line);
          else {
            batch.push(ev.record);
            if (batch.length >= BATCH) await applyBatch();
          }
        }
        await applyBatch();
      }
      progress(true);
      return finishOrRollBack(input);
    });
  } catch (e) {
    if (!(e instanceof DryRunDone)) throw e;
  }
  return report.finish();
}

function finishOrRollBack(input: ImportInput): void {
  // Throwing out of the transaction rolls it back: a dry run is the real import, undone.
  if (input.dryRun) throw new DryRunDone();
}

/** The formats that tell direction need to know who the user is. */
function checkSelf(format: ImportFormat, p: Profile): void {
  if ((format === 'mbox' || format === 'ics') && p.emails.length === 0) {
    throw new AppError(
      'invalid_input',
      `To tell your ${format === 'mbox' ? 'emails' : 'meetings'} from other people's, kith needs your own email address first: kith me --email you@example.com`,
      {
        issues: [{ field: 'profile.emails', message: 'empty' }],
      },
    );
  }
  if (format === 'linkedin-messages' && p.urls.length === 0 && !p.name.trim()) {
    throw new AppError(
      'invalid_input',
      'To tell your LinkedIn messages from theirs, kith needs your LinkedIn profile URL or your name first: kith me --linkedin URL --name "Your Name"',
      {
        issues: [{ field: 'profile.urls', message: 'empty' }],
      },
    );
  }
}

/** A whole-file ParseResult as events in file order (issues of a line before its record). */
async function* resultEvents<T extends { line: number }>(r: ParseResult<T>): AsyncGenerator<RecordEvent<T>> {
  const events: Array<RecordEvent<T> & { line: number; order: number }> = [
    ...r.issues.map((issue) => ({ kind: 'issue' as const, issue, line: issue.line, order: 0 })),
    ...r.skipped.map((s) => ({ kind: 'skipped' as const, line: s.line, reason: s.reason, order: 1 })),
    ...r.records.map((record) => ({ kind: 'record' as const, record, line: record.line, order: 2 })),
  ];
  events.sort((a, b) => a.line - b.line || a.order - b.order);
  for (const ev of events) yield ev;
}

async function* contactEvents(
  format: 'linkedin' | 'google-csv' | 'outlook-csv' | 'vcard',
  src: ImportSource,
  onBytes: (n: number) => void,
): AsyncGenerator<RecordEvent<ContactDraft>> {
  if (format === 'linkedin') yield* streamLinkedInConnections(byteStream(src, onBytes));
  else if (format === 'google-csv') yield* streamGoogleCsv(byteStream(src, onBytes));
  else if (format === 'outlook-csv') yield* streamOutlookCsv(byteStream(src, onBytes));
  else yield* streamVCards(byteStream(src, onBytes));
}

async function* touchEvents(
  format: ImportFormat,
  src: ImportSource,
  profile: Profile,
  now: string,
  onBytes: (n: number) => void,
): AsyncGenerator<RecordEvent<TouchpointDraft>> {
  // The mail, calendar and XML parsers are large: loaded only for the format that needs them.
  if (format === 'mbox') {
    const { parseMbox } = await import('../../formats/mbox.js');
    for await (const o of parseMbox(byteStream(src, onBytes), { emails: profile.emails })) {
      if ('record' in o) yield { kind: 'record', record: o.record };
      else if ('issue' in o) yield { kind: 'issue', issue: o.issue };
      else yield { kind: 'skipped', line: o.skipped.line, reason: o.skipped.reason };
    }
  } else if (format === 'ics') {
    const { parseIcs } = await import('../../formats/ics.js');
    // Meetings still to come are not touchpoints yet.
    yield* resultEvents(parseIcs(asText(await readAll(src, onBytes)), { emails: profile.emails }, { until: now }));
  } else if (format === 'linkedin-messages') {
    const names = profile.name.trim() ? [profile.name.trim()] : [];
    yield* resultEvents(parseLinkedInMessages(await readAll(src, onBytes), { names, profileUrls: profile.urls }));
  }
}
