/**
 * Light, dark or the system's choice; stored in this browser and applied as
 * `data-theme` on <html> (the stylesheet does the rest).
 */
export type Theme = 'system' | 'light' | 'dark';
const KEY = 'kith.theme';

/** The theme this browser chose last. */
export function savedTheme(): Theme {
  const v = globalThis.localStorage?.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** Applies and remembers a theme. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
  globalThis.localStorage?.setItem(KEY, theme);
}
