/**
 * English and German, gettext style: the English text is the key, German is a
 * lookup, and `{name}` placeholders are filled from `vars`. No library needed.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { de, en } from './i18n-de.js';

export type Language = 'en' | 'de';
export const LANGUAGES: Language[] = ['en', 'de'];

export type Vars = Record<string, string | number>;
export type Translate = (text: string, vars?: Vars) => string;

/** Fills `{name}` placeholders. */
export function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Translates English text into the language; unknown text stays English. */
export function translate(lang: Language, text: string, vars?: Vars): string {
  return fill(lang === 'de' ? (de[text] ?? en[text] ?? text) : (en[text] ?? text), vars);
}

interface I18n {
  lang: Language;
  setLang(l: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ lang: 'en', setLang: () => {}, t: (s, v) => fill(s, v) });

const STORAGE_KEY = 'kith.lang';

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'de') return saved;
  return (globalThis.navigator?.language ?? 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Provides the language and `t()` to the app; the choice is remembered in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((l: Language) => {
    setLangState(l);
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (s, v) => translate(lang, s, v) }), [lang, setLang]);
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and `t()`. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
