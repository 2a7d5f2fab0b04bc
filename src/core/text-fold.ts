/**
 * Folding text the way people type names: case, accents and the common
 * transliterations (`muller` and `mueller` find Müller, `lukasz` finds Łukasz,
 * `sondergaard` finds Søndergaard, `weiss` finds Weiß).
 *
 * Search indexes store folded text produced here, on SQLite and PostgreSQL alike,
 * so both databases match the same way.
 */

// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  ŋ: 'ng',
  ſ: 's',
};

// German umlauts are also typed as two letters (Mueller); index that spelling too.
const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'ae', Ö: 'oe', Ü: 'ue' };

const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');
const COMBINING_RE = /\p{M}+/gu;
const GERMAN_RE = /[äöüÄÖÜ]/;
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Lower-cases and strips accents and ligatures: `Zoë Łukasz-Müller` → `zoe lukasz-muller`. */
export function fold(text: string): string {
  // ASCII has nothing to decompose or replace: no call into the Unicode normaliser (whose first use costs a command milliseconds).
  if (ASCII_RE.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_RE, '')
    .normalize('NFC')
    .replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch)
    .toLowerCase();
}

/** Splits text into folded word tokens (letters and digits of any script). */
export function tokens(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The folded tokens of a text plus the alternative spellings a person may type,
 * as one space-separated string for a full-text index.
 */
export function searchText(...parts: Array<string | null | undefined>): string {
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    out.push(...tokens(part));
    // Words with umlauts also get their ae/oe/ue spelling (Müller → mueller).
    for (const word of part.match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (GERMAN_RE.test(word)) {
        out.push(fold(word.replace(/[äöüÄÖÜ]/g, (ch) => GERMAN[ch] ?? ch)));
      }
    }
  }
  return out.join(' ');
}

/** Normalises an email for matching: trimmed, lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Normalises a profile URL for matching: no scheme, no `www.`, no query or
 * fragment, no trailing slash, percent-decoded, lower-case.
 * `HTTPS://www.LinkedIn.com/in/goran-stipeti%C4%87/` → `linkedin.com/in/goran-stipetić`.
 */
export function normalizeUrl(url: string): string {
  let u = url.trim();
  u = u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  u = u.replace(/^www\./i, '');
  u = u.replace(/[?#].*$/, '');
  u = u.replace(/\/+$/, '');
  try {
    u = decodeURIComponent(u);
  } catch {
    // A stray % that is not an escape: keep the text as it is.
  }
  return u.normalize('NFC').toLowerCase();
}

/** Normalises a phone number for matching: digits only, a leading + kept. */
export function normalizePhone(phone: string): string {
  const t = phone.trim();
  const digits = t.replace(/\D/g, '');
  return t.startsWith('+') ? `+${digits}` : digits;
}

/** The matching key of an identity, by kind. */
export function normalizeIdentity(kind: string, value: string): string {
  if (kind === 'email') return normalizeEmail(value);
  if (kind === 'phone') return normalizePhone(value);
  if (kind === 'other') return value.trim().toLowerCase();
  return normalizeUrl(value);
}
