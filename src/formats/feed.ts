/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → the user's posts (P1).
 *
 * The publication day is the date as the author wrote it (`Mon, 01 Jan 2024 23:30:00 -0500`
 * is 1 January), not its UTC day: that is the day the author published on.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParseResult, PostDraft } from '../core/drafts.js';
import type { Day } from '../core/types.js';
import { isDay } from '../core/days.js';
import { collapseWhitespace, decodeEntities, htmlToText, truncateText } from './feed-html.js';

const SUMMARY_CHARS = 300;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'dc:subject'].includes(name),
  // Bodies are kept as written: XHTML content would otherwise lose the order of its mixed text.
  stopNodes: ['*.description', '*.summary', '*.content', '*.content:encoded'],
});

/** Reads posts from an RSS or Atom document; never throws on bad data. */
export function parseFeed(text: string): ParseResult<PostDraft> {
  const result: ParseResult<PostDraft> = { records: [], issues: [], skipped: [] };
  const xml = text.replace(/^\uFEFF/, '');
  if (xml.trim() === '') {
    result.issues.push({ line: 1, message: 'empty feed' });
    return result;
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    result.issues.push({ line: valid.err.line, message: `not well-formed XML: ${valid.err.msg}` });
    return result;
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    result.issues.push({ line: 1, message: `unreadable feed: ${err instanceof Error ? err.message : String(err)}` });
    return result;
  }

  let items: Node[];
  let base: string | null = null;
  const rss = asNode(doc.rss);
  const atom = asNode(doc.feed);
  const rdf = asNode(doc['rdf:RDF']);
  if (rss) {
    const channel = asNode(rss.channel);
    items = nodes(channel?.item);
    base = linkOf(channel ?? {}, null);
  } else if (atom) {
    items = nodes(atom.entry);
    base = linkOf(atom, null);
  } else if (rdf) {
    items = nodes(rdf.item);
    base = linkOf(asNode(rdf.channel) ?? {}, null);
  } else {
    result.issues.push({ line: 1, message: 'not an RSS or Atom feed' });
    return result;
  }

  const lines = itemLines(xml, atom ? 'entry' : 'item');
  items.forEach((item, i) => {
    const line = lines[i] ?? 1;
    const title = collapseWhitespace(htmlToText(textOf(item.title)));
    const rawDate = textOf(item.published) || textOf(item.pubDate) || textOf(item.updated) || textOf(item['dc:date']);
    if (title === '') {
      result.issues.push({ line, field: 'title', message: 'item has no title' });
      return;
    }
    if (rawDate === '') {
      result.issues.push({ line, field: atom ? 'published' : 'pubDate', message: 'item has no date' });
      return;
    }
    const day = authorDay(rawDate);
    if (!day) {
      result.issues.push({ line, field: atom ? 'published' : 'pubDate', message: `unreadable date "${rawDate}"` });
      return;
    }
    const url = linkOf(item, base);
    const body = textOf(item.summary) || textOf(item.description) || textOf(item.content) || textOf(item['content:encoded']);
    const topics = [
      ...new Set(
        [...nodes(item.category), ...nodes(item['dc:subject'])]
          .map((c) =>
            collapseWhitespace(typeof c === 'object' ? String(c['@_label'] ?? c['@_term'] ?? c['#text'] ?? '') : String(c)),
          )
          .filter((c) => c !== ''),
      ),
    ];
    const guid = textOf(item.guid) || textOf(item.id) || String(item['@_rdf:about'] ?? '');
    const draft: PostDraft = {
      line,
      title,
      url,
      publishedOn: day,
      summary: truncateText(bodyText(body), SUMMARY_CHARS),
      externalId: guid || url || `${day}:${title}`,
    };
    if (topics.length > 0) draft.topics = topics;
    result.records.push(draft);
  });
  return result;
}

/** A body kept raw by the parser → text: CDATA is HTML, markup is XHTML, anything else is escaped HTML or text. */
function bodyText(raw: string): string {
  const unwrapped = raw.replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, (_, html: string) => html);
  if (unwrapped !== raw || /<[a-z!/]/i.test(raw)) return htmlToText(unwrapped);
  return htmlToText(decodeEntities(raw));
}

/** `YYYY-MM-DD…` (Atom, dc:date) or RFC 822 `Tue, 10 Jun 2003 04:00:00 GMT`, as the day written. */
export function authorDay(raw: string): Day | null {
  const s = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  if (iso) {
    const day = `${iso[1]}-${iso[2]}-${iso[3]}`;
    return isDay(day) ? day : null;
  }
  const rfc = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})(?:\s|$)/.exec(s);
  if (!rfc) return null;
  const month = MONTHS.indexOf(rfc[2]!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(rfc[3]);
  if (year < 100) year += year < 50 ? 2000 : 1900;
  const day = `${year}-${String(month).padStart(2, '0')}-${rfc[1]!.padStart(2, '0')}`;
  return isDay(day) ? day : null;
}

function asNode(v: unknown): Node | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null;
}

function nodes(v: unknown): Node[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  return list.map((x) => (typeof x === 'object' && x !== null ? (x as Node) : ({ '#text': String(x) } as Node)));
}

/** Text of an element, whatever shape the parser gave it (string, `#text`, or XHTML children). */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v).trim();
  if (Array.isArray(v))
    return v
      .map(textOf)
      .filter((t) => t !== '')
      .join(' ');
  const node = v as Node;
  if ('#text' in node) return textOf(node['#text']);
  // Atom type="xhtml": the content is markup; gather its text.
  return Object.entries(node)
    .filter(([k]) => !k.startsWith('@_'))
    .map(([, child]) => textOf(child))
    .filter((t) => t !== '')
    .join(' ');
}

/** The item's web address: Atom `rel=alternate` (or no rel), else RSS `<link>`, resolved against the feed's link. */
function linkOf(node: Node, base: string | null): string | null {
  const links = nodes(node.link);
  let href = '';
  const alternate = links.find((l) => l['@_href'] !== undefined && (l['@_rel'] === undefined || l['@_rel'] === 'alternate'));
  if (alternate) href = String(alternate['@_href']);
  else {
    const plain = links.find((l) => typeof l['#text'] === 'string' && l['#text'] !== '');
    if (plain) href = String(plain['#text']);
  }
  href = href.trim();
  if (href === '') {
    const guid = asNode(node.guid);
    const permalink = guid && guid['@_isPermaLink'] !== 'false' ? textOf(guid) : '';
    if (/^https?:\/\//i.test(permalink)) href = permalink;
  }
  if (href === '') return null;
  try {
    return base ? new URL(href, base).toString() : new URL(href).toString();
  } catch {
    return href;
  }
}

/** 1-based lines where each `<item>` / `<entry>` starts, in document order. */
function itemLines(xml: string, tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`<(?:[\\w-]+:)?${tag}(?=[\\s>/])`, 'g');
  let line = 1;
  let from = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = from; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    from = m.index;
    out.push(line);
  }
  return out;
}
