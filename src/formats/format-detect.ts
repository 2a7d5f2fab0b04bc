/**
 * Guessing an import file's format from its first few KB, by content first and by file
 * name second (a renamed file is common; content is the better witness).
 */

export type ImportFormat =
  | 'linkedin'
  | 'linkedin-messages'
  | 'vcard'
  | 'google-csv'
  | 'outlook-csv'
  | 'ics'
  | 'mbox'
  | 'feed'
  | 'json';

/** Header keys of the first lines that look like a CSV header (quotes removed, lower-case). */
function csvHeaderKeys(head: string): string[][] {
  return head
    .split(/\r\n|\r|\n/)
    .slice(0, 12)
    .map((line) => line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase()));
}

function detectCsv(head: string): ImportFormat | null {
  for (const keys of csvHeaderKeys(head)) {
    const has = (k: string) => keys.includes(k);
    if (has('conversation id') || (has('from') && has('to') && has('date') && has('subject') && has('content'))) return 'linkedin-messages';
    if (has('first name') && has('connected on')) return 'linkedin';
    if (keys.some((k) => /^(e-mail|phone|website|address|organization) \d+ - /.test(k)) || has('group membership') || (has('given name') && has('family name')) || (has('labels') && has('file as'))) {
      return 'google-csv';
    }
    if (has('e-mail address') || has('primary email') || has('business street') || has('display name') || (has('first name') && (has('job title') || has('company')))) {
      return 'outlook-csv';
    }
  }
  return null;
}

/** The format of an import file from its name and its first ~4 KB of text, or null when unknown. */
export function detectFormat(fileName: string, head: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const upper = start.slice(0, 200).toUpperCase();
  if (upper.startsWith('BEGIN:VCALENDAR')) return 'ics';
  if (upper.startsWith('BEGIN:VCARD')) return 'vcard';
  if (text.startsWith('From ')) return 'mbox';
  if (start.startsWith('{') && /"format"\s*:\s*"kith-backup"/.test(start.slice(0, 4096))) return 'json';
  if (/^(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(start) || /<(rss|feed)[\s>]/i.test(start.slice(0, 1024))) return 'feed';
  const csv = detectCsv(text);
  if (csv) return csv;

  const name = fileName.toLowerCase();
  const base = name.split(/[\\/]/).pop() ?? name;
  if (base.endsWith('.vcf') || base.endsWith('.vcard')) return 'vcard';
  if (base.endsWith('.ics') || base.endsWith('.ical')) return 'ics';
  if (base.endsWith('.mbox') || base.endsWith('.mbx')) return 'mbox';
  if (base.endsWith('.rss') || base.endsWith('.atom') || base.endsWith('.xml')) return 'feed';
  if (base.endsWith('.json')) return 'json';
  if (base === 'connections.csv') return 'linkedin';
  if (base === 'messages.csv') return 'linkedin-messages';
  return null;
}
