/**
 * Plain text out of the HTML fragments that activity sources embed: feed summaries,
 * LinkedIn message bodies (`<p class="spinmail-…">`, `&rsquo;`). Not a sanitizer: the
 * output is text for a one-line summary, never rendered as HTML.
 *
 * (Named `feed-html` because this file set is owned by the feed/activity parsers.)
 */

// The named entities real exports use; numeric references cover everything else.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  rsquo: '\u2019',
  lsquo: '\u2018',
  rdquo: '\u201d',
  ldquo: '\u201c',
  sbquo: '\u201a',
  bdquo: '\u201e',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  bull: '\u2022',
  middot: '\u00b7',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsaquo: '\u2039',
  rsaquo: '\u203a',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  para: '\u00b6',
  times: '\u00d7',
  divide: '\u00f7',
  plusmn: '\u00b1',
  frac12: '\u00bd',
  frac14: '\u00bc',
  frac34: '\u00be',
  iexcl: '\u00a1',
  iquest: '\u00bf',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  larr: '\u2190',
  rarr: '\u2192',
  uarr: '\u2191',
  darr: '\u2193',
  hearts: '\u2665',
  check: '\u2713',
  prime: '\u2032',
  Prime: '\u2033',
  dagger: '\u2020',
  Dagger: '\u2021',
  szlig: '\u00df',
  auml: '\u00e4',
  ouml: '\u00f6',
  uuml: '\u00fc',
  Auml: '\u00c4',
  Ouml: '\u00d6',
  Uuml: '\u00dc',
  eacute: '\u00e9',
  egrave: '\u00e8',
  ecirc: '\u00ea',
  euml: '\u00eb',
  Eacute: '\u00c9',
  Egrave: '\u00c8',
  aacute: '\u00e1',
  agrave: '\u00e0',
  acirc: '\u00e2',
  atilde: '\u00e3',
  aring: '\u00e5',
  aelig: '\u00e6',
  Aacute: '\u00c1',
  Agrave: '\u00c0',
  Acirc: '\u00c2',
  Atilde: '\u00c3',
  Aring: '\u00c5',
  AElig: '\u00c6',
  iacute: '\u00ed',
  igrave: '\u00ec',
  icirc: '\u00ee',
  iuml: '\u00ef',
  Iacute: '\u00cd',
  oacute: '\u00f3',
  ograve: '\u00f2',
  ocirc: '\u00f4',
  otilde: '\u00f5',
  oslash: '\u00f8',
  Oacute: '\u00d3',
  Oslash: '\u00d8',
  uacute: '\u00fa',
  ugrave: '\u00f9',
  ucirc: '\u00fb',
  Uacute: '\u00da',
  ccedil: '\u00e7',
  Ccedil: '\u00c7',
  ntilde: '\u00f1',
  Ntilde: '\u00d1',
  yacute: '\u00fd',
  yuml: '\u00ff',
  eth: '\u00f0',
  thorn: '\u00fe',
  oelig: '\u0153',
  OElig: '\u0152',
  scaron: '\u0161',
  Scaron: '\u0160',
};

/** Decodes HTML character references (`&rsquo;`, `&#8217;`, `&#x2019;`); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Lone surrogates and out-of-range code points would make invalid strings.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}

/** HTML fragment → one line of text: scripts/styles dropped, tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  // Block-level tags separate words; inline tags (<b>, <a>) do not.
  const text = withoutCode
    .replace(/<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|blockquote|pre|section|article|header|footer|table)\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-z!?][^>]*>/gi, '');
  return collapseWhitespace(decodeEntities(text));
}

/** Runs of whitespace (including no-break spaces and line breaks) → one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Cuts text to at most `max` characters at a word boundary when one is near, adding `…`. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const base = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}…`;
}
