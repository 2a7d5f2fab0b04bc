/**
 * Contacts as Markdown notes: one file per contact with YAML front matter and a
 * timeline, readable in any notes app (Obsidian, Logseq, a plain editor).
 */
import { fold } from '../../core/text-fold.js';
import type { Commitment, Contact, FollowUp, Id, Touchpoint } from '../../core/types.js';

// Names Windows refuses as file names, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_SLUG_CHARS = 60;

/** A file-name-safe slug in any script: letters and digits kept, the rest a single dash. */
export function slugOf(name: string): string {
  const words = fold(name).match(/[\p{L}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if ([...next].length > MAX_SLUG_CHARS) {
      if (!slug) slug = [...w].slice(0, MAX_SLUG_CHARS).join('');
      break;
    }
    slug = next;
  }
  if (!slug) slug = 'contact';
  if (RESERVED.test(slug)) slug = `${slug}-contact`;
  return slug;
}

/**
 * One unique `.md` file name per contact. Contacts whose names give the same slug
 * (case-insensitively: macOS and Windows do not tell `Anna` from `anna`) all get
 * the end of their id, so names never depend on the order contacts come in.
 */
export function markdownFileNames(contacts: ReadonlyArray<Pick<Contact, 'id' | 'displayName'>>): Map<Id, string> {
  const slugs = contacts.map((c) => ({ id: c.id, slug: slugOf(c.displayName) }));
  const count = new Map<string, number>();
  for (const s of slugs) count.set(s.slug.toLowerCase(), (count.get(s.slug.toLowerCase()) ?? 0) + 1);
  const out = new Map<Id, string>();
  const used = new Set<string>();
  for (const s of slugs) {
    const idPart = s.id.replace(/[^0-9a-zA-Z]/g, '').toLowerCase();
    let name = s.slug;
    if ((count.get(s.slug.toLowerCase()) ?? 0) > 1) {
      let n = 8;
      do {
        name = `${s.slug}-${idPart.slice(-n) || 'x'}`;
        n += 4;
      } while (used.has(name.toLowerCase()) && n <= idPart.length + 4);
    }
    while (used.has(name.toLowerCase())) name = `${name}-x`;
    used.add(name.toLowerCase());
    out.set(s.id, `${name}.md`);
  }
  return out;
}

/** A YAML scalar: JSON strings are valid YAML double-quoted strings. */
const y = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? 'null' : JSON.stringify(v);

export interface ContactHistory {
  touchpoints: Touchpoint[];
  followUps: FollowUp[];
  commitments: Commitment[];
  /** Names of other contacts, for "with …" in the timeline. */
  names: ReadonlyMap<Id, string>;
}

/** The Markdown note of one contact. */
export function contactMarkdown(c: Contact, h: ContactHistory): string {
  const ids = (kind: string) => c.identities.filter((i) => i.kind === kind).map((i) => i.value);
  const links = c.identities.filter((i) => !['email', 'phone', 'other'].includes(i.kind)).map((i) => i.value);
  const fm: string[] = [
    '---',
    `id: ${y(c.id)}`,
    `name: ${y(c.displayName)}`,
    `given_name: ${y(c.givenName)}`,
    `family_name: ${y(c.familyName)}`,
    `company: ${y(c.company)}`,
    `title: ${y(c.title)}`,
    `circle: ${y(c.circle)}`,
    `cadence_days: ${y(c.cadenceDays)}`,
    `birthday: ${y(c.birthday)}`,
    `location: ${y(c.location)}`,
    `time_zone: ${y(c.timeZone)}`,
    `how_met: ${y(c.howMet)}`,
    `emails: ${JSON.stringify(ids('email'))}`,
    `phones: ${JSON.stringify(ids('phone'))}`,
    `links: ${JSON.stringify(links)}`,
    `tags: ${JSON.stringify(c.tags)}`,
    `topics: ${JSON.stringify(c.topics.map((t) => ({ kind: t.kind, text: t.text })))}`,
    `employment: ${JSON.stringify(c.employment.map((e) => ({ company: e.company, title: e.title ?? null, from: e.from ?? null, to: e.to ?? null })))}`,
    `last_touch: ${y(c.lastTouchAt)}`,
    `created: ${y(c.createdAt)}`,
    `updated: ${y(c.updatedAt)}`,
    '---',
  ];
  const body: string[] = ['', `# ${c.displayName}`, ''];
  const job = [c.title, c.company].filter(Boolean).join(' at ');
  if (job) body.push(`*${job}*`, '');
  if (c.notes.trim()) body.push(c.notes.trim(), '');
  if (c.topics.length > 0) {
    body.push('## Topics', '');
    for (const t of c.topics) body.push(`- ${t.kind}: ${t.text}`);
    body.push('');
  }
  const open = [
    ...h.commitments
      .filter((x) => x.status === 'open')
      .map(
        (x) => `- [ ] ${x.direction === 'mine' ? 'I promised' : 'They promised'}: ${x.text}${x.dueOn ? ` (due ${x.dueOn})` : ''}`,
      ),
    ...h.followUps.filter((x) => !x.doneAt).map((x) => `- [ ] Follow up: ${x.text}${x.dueOn ? ` (due ${x.dueOn})` : ''}`),
  ];
  if (open.length > 0) body.push('## Open', '', ...open, '');
  body.push('## Timeline', '');
  const touches = [...h.touchpoints].sort((a, b) =>
    a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id.localeCompare(b.id),
  );
  if (touches.length === 0) body.push('Nothing logged yet.');
  for (const t of touches) {
    const others = t.participantIds.filter((p) => p !== c.id).map((p) => h.names.get(p) ?? 'someone');
    const by = t.initiatedBy === 'them' ? ' (they reached out)' : '';
    body.push(
      `- **${t.occurredAt.slice(0, 10)}** ${t.kind}${by}${t.summary ? `: ${oneLine(t.summary)}` : ''}${others.length ? ` — with ${others.join(', ')}` : ''}`,
    );
    if (t.notes.trim()) for (const l of t.notes.trim().split(/\r?\n/)) body.push(`  ${l}`.trimEnd() || '');
  }
  body.push('');
  return [...fm, ...body].join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
