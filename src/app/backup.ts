/**
 * The JSON backup: every entity of one user, lossless. Export → import into an
 * empty home → export gives the same bytes. A restore (backup-restore.ts) streams the
 * file record by record and writes it in one transaction: all or nothing, every problem
 * named with `file:line` and the field.
 */
import { AppError, type FieldIssue } from '../core/errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, RECORD_KEYS, backupSchema, type Backup } from './backup-schema.js';
import type { Ctx } from './ports.js';

export { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup-schema.js';

/** Drops the owner (the backup is restored under whoever imports it) and what the Store derives. */
function strip<T extends { ownerId?: unknown }>(x: T): Omit<T, 'ownerId'> {
  const { ownerId: _owner, ...rest } = x;
  return rest;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every entity of the acting user, in a stable order. */
export async function exportBackup(ctx: Ctx): Promise<Backup> {
  const { store, userId } = ctx;
  const profile = await store.getProfile(userId);
  const contacts = (await store.listContacts(userId, { state: 'all' })).sort(byId).map((c) => {
    const { lastTouchAt: _derived, ...rest } = strip(c);
    return rest;
  });
  const touchpoints = (await store.listTouchpoints(userId, { state: 'all', order: 'asc' })).sort(byId).map(strip);
  const out: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    profile: profile ? (({ ownerId: _o, updatedAt: _u, ...p }) => p)(profile) : null,
    contacts,
    touchpoints,
  };
  for (const [kind, key] of RECORD_KEYS) {
    out[key] = (await store.listRecords(kind, userId)).sort(byId).map((r) => strip(r as { ownerId: string; id: string }));
  }
  out.agendaStates = (await store.listAgendaStates(userId)).map(strip);
  return out as Backup;
}

/** Serialises a backup the one way kith writes it: two-space JSON and a final newline. */
export function backupToJson(b: Backup): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: pos - last };
}

/** Where in the text the record at `path` (e.g. contacts.3.displayName) starts: its line, found by its id. */
function lineOfPath(text: string, data: unknown, path: PropertyKey[]): number | undefined {
  let node: unknown = data;
  let idValue: string | undefined;
  for (const key of path) {
    if (node && typeof node === 'object') {
      node = (node as Record<string, unknown>)[key as string];
      if (node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string')
        idValue = (node as { id: string }).id;
    }
  }
  if (!idValue) return undefined;
  const at = text.indexOf(`"id": ${JSON.stringify(idValue)}`);
  const at2 = at >= 0 ? at : text.indexOf(JSON.stringify(idValue));
  return at2 >= 0 ? lineCol(text, at2).line : undefined;
}

/**
 * Drops what a backup may carry but kith derives itself (the owner, a contact's last
 * touch), so a record exported through the API or another tool still restores.
 */
function withoutDerived(data: unknown): unknown {
  if (!data || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  // Metadata some writers add: informative only.
  delete out.exportedAt;
  delete out.generator;
  if (out.profile && typeof out.profile === 'object') {
    const { ownerId: _o, updatedAt: _u, ...profile } = out.profile as Record<string, unknown>;
    out.profile = profile;
  }
  for (const [key, value] of Object.entries(out)) {
    if (!Array.isArray(value)) continue;
    out[key] = value.map((row: unknown) => {
      if (!row || typeof row !== 'object') return row;
      const { ownerId: _o, ...rest } = row as Record<string, unknown>;
      if (key === 'contacts') delete rest.lastTouchAt;
      return rest;
    });
  }
  return out;
}

/** Parses and validates a backup file's text; throws invalid_input naming `file:line` and the field. */
export function parseBackup(text: string, file = 'backup'): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const { line, col } = lineCol(text, pos);
    const what = m ? msg.replace(/ in JSON at position \d+.*$/, '') : 'the file ends too early (is it truncated?)';
    throw new AppError('invalid_input', `${file}:${line}:${col}: not valid JSON: ${what}`, {
      issues: [{ file, line, message: `not valid JSON: ${what}` }],
    });
  }
  if (data && typeof data === 'object' && (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new AppError('invalid_input', `${file}: not a kith backup (no "format": "${BACKUP_FORMAT}")`, {
      issues: [{ file, field: 'format', message: `must be "${BACKUP_FORMAT}"` }],
    });
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new AppError(
      'invalid_input',
      `${file}: backup version ${version} was written by a newer kith (this one reads up to ${BACKUP_VERSION}).`,
      {
        issues: [{ file, field: 'version', message: 'newer than this kith' }],
      },
    );
  }
  const r = backupSchema.safeParse(withoutDerived(data));
  if (!r.success) {
    const issues: FieldIssue[] = r.error.issues.slice(0, 50).map((i) => ({
      file,
      line: lineOfPath(text, data, i.path),
      field: i.path.map(String).join('.'),
      message: i.message,
    }));
    const first = issues[0];
    const where = first?.line ? `${file}:${first.line}` : file;
    throw new AppError(
      'invalid_input',
      `${where}: ${first?.field}: ${first?.message}${issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : ''}`,
      {
        issues,
      },
    );
  }
  return r.data;
}

export { importBackup, restoreBackupStream, type RestoreCounts } from './backup-restore.js';
