import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fill, translate } from './i18n.js';

const check = (lang: 'en' | 'de', text: string, vars: Record<string, string | number> | undefined, expected: string) =>
  expect(translate(lang, text, vars)).toBe(expected);

describe('translate', () => {
  test.each([
    ['en', 'Today', undefined, 'Today'],
    ['de', 'Today', undefined, 'Heute'],
    ['en', 'dm', undefined, 'Message'],
    ['de', 'dm', undefined, 'Nachricht'],
    ['de', '{n} people', { n: 3 }, '3 Menschen'],
    ['en', 'Saved: {what}', { what: 'coffee' }, 'Saved: coffee'],
    ['de', 'not in the dictionary', undefined, 'not in the dictionary'],
  ] as const)('%s %s', (lang, text, vars, expected) => check(lang, text, vars, expected));

  test('fill leaves unknown placeholders as they are', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  test('the navigation and the Today page are fully German', () => {
    const files = ['components/Shell.tsx', 'pages/Today.tsx', 'components/CaptureDialog.tsx'];
    const missing: string[] = [];
    for (const f of files) {
      const src = readFileSync(join(import.meta.dirname, '..', f), 'utf8');
      for (const m of src.matchAll(/\bt\('((?:[^'\\]|\\.)+)'/g)) {
        const text = (m[1] ?? '').replace(/\\'/g, "'");
        if (translate('de', text) === text) missing.push(`${f}: ${text}`);
      }
      for (const m of src.matchAll(/label: '([^']+)'/g)) if (translate('de', m[1] ?? '') === m[1]) missing.push(`${f}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  test('every page file is in the pages folder the router names', () => {
    const router = readFileSync(join(import.meta.dirname, '..', 'router.tsx'), 'utf8');
    for (const f of readdirSync(join(import.meta.dirname, '..', 'pages'))) expect(router).toContain(`./pages/${f.replace('.tsx', '.js')}`);
  });
});
