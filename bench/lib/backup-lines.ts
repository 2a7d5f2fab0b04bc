/**
 * Reads the generator's backup.json record by record, without holding the file as one string
 * (at 100 000 contacts it is ~1 GB, past V8's longest string). It relies on the generator's
 * layout: one record per line inside `"section":[` … `]`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface BackupHead {
  format: string;
  version: number;
  profile: Record<string, unknown> | null;
}

/** Calls `onRecord(section, record)` for every record, in file order; resolves with the head fields. */
export async function readBackupLines(path: string, onRecord: (section: string, record: Record<string, unknown>) => void): Promise<BackupHead> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let section: string | null = null;
  let head: BackupHead = { format: '', version: 0, profile: null };
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    const line = raw.trim();
    if (lineNo === 1) {
      // {"format":…,"version":1,"exportedAt":…,"profile":{…},
      const m = /^\{(.*),$/.exec(line);
      if (!m) throw new Error(`${path}:1: not the generator's backup layout`);
      const obj = JSON.parse(`{${m[1]}}`) as { format?: string; version?: number; profile?: Record<string, unknown> };
      head = { format: obj.format ?? '', version: obj.version ?? 0, profile: obj.profile ?? null };
      continue;
    }
    const sec = /^"(\w+)":\[$/.exec(line);
    if (sec) {
      section = sec[1] ?? null;
      continue;
    }
    if (line.startsWith('{') && section) {
      const text = line.endsWith(',') ? line.slice(0, -1) : line;
      onRecord(section, JSON.parse(text) as Record<string, unknown>);
    }
  }
  return head;
}
