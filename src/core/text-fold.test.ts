import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, tokens } from './text-fold.js';

/** fold() as the Unicode steps alone would do it, for text with no special letters. */
const byNormalising = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();

describe('fold', () => {
  it('folds accents, ligatures and case', () => {
    expect(fold('Zoë Łukasz-Müller')).toBe('zoe lukasz-muller');
    expect(fold('Weiß Søndergaard Æsir')).toBe('weiss sondergaard aesir');
    expect(tokens('Anna-Lena O’Brien')).toEqual(['anna', 'lena', 'o', 'brien']);
  });

  it('takes the short way for ASCII with the same result as normalising', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (s) => {
        expect(fold(s)).toBe(byNormalising(s));
      }),
    );
    // One character outside ASCII anywhere still goes the long way.
    expect(fold(`${'A'.repeat(40)}é`)).toBe(`${'a'.repeat(40)}e`);
  });
});
