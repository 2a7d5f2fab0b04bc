/**
 * Properties of the introduction workflow's transition table: whatever a person
 * types, an introduction is only made after both sides were asked and agreed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIntroTransition } from '../../src/app/introductions.js';
import { INTRO_STATUSES, type IntroStatus } from '../../src/core/types.js';

const status = fc.constantFrom(...INTRO_STATUSES);

/** Plays the requested moves from `proposed`, skipping refused ones; returns the statuses reached. */
function play(moves: IntroStatus[]): IntroStatus[] {
  const path: IntroStatus[] = ['proposed'];
  for (const to of moves) {
    const from = path[path.length - 1]!;
    if (checkIntroTransition(from, to).ok) path.push(to);
  }
  return path;
}

describe('introduction transitions (properties)', () => {
  it('reaches made only through asked and accepted, in that order', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 20 }), (moves) => {
        const path = play(moves);
        const made = path.indexOf('made');
        if (made >= 0) expect(path.slice(0, made + 1)).toEqual(['proposed', 'asked', 'accepted', 'made']);
      }),
    );
  });

  it('never leaves made or declined, and never repeats a status', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 20 }), (moves) => {
        const path = play(moves);
        const final = path.findIndex((s) => s === 'made' || s === 'declined');
        if (final >= 0) expect(path.length).toBe(final + 1);
        expect(new Set(path).size).toBe(path.length);
      }),
    );
  });

  it('explains every refusal with both statuses named', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const r = checkIntroTransition(from, to);
        if (!r.ok) {
          expect(r.message).toContain(from);
          if (from !== to) expect(r.message).toContain(to);
        }
      }),
    );
  });
});
