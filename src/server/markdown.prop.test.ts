import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h3', 'h4', 'h5', 'h6', 'a']);

/** Every tag in the output is one we make, and only links carry attributes (href and rel). */
function assertInert(html: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    const [, name = '', attrs = ''] = m;
    expect(ALLOWED.has(name), `tag <${name}> in ${html}`).toBe(true);
    if (name === 'a' && !m[0].startsWith('</')) {
      expect(attrs).toMatch(/^ href="(https?:\/\/|mailto:)[^"]*" rel="nofollow noopener noreferrer"$/);
    } else {
      expect(attrs).toBe('');
    }
  }
  // A `<` that starts no tag of ours would be raw markup from the input.
  expect(html.replace(/<\/?([a-zA-Z0-9]+)([^>]*)>/g, '')).not.toMatch(/[<>]/);
}

const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](https://a.b/" onclick="x)',
  '"><svg onload=alert(1)>',
  '**',
  '`',
  '_',
  '[',
  '](',
  '\n',
  '\n\n',
  '- ',
  '# ',
  '> ',
  '```\n',
  '&lt;',
  '\u0000',
);

describe('renderMarkdown properties', () => {
  it('never lets markup through, whatever the note', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, fc.string()), { maxLength: 20 }), (parts) => {
        assertInert(renderMarkdown(parts.join('')));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every letter and digit of the note', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 ]{0,40}$/), (s) => {
        const text = renderMarkdown(s).replace(/<[^>]+>/g, '');
        expect(text.replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
      }),
    );
  });
});
