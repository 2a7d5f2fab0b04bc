/**
 * The frame around every page: skip link, navigation, quick capture (C or
 * Ctrl+K from anywhere), theme, language and logout.
 */
import { Link, Outlet } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { logOut, useResetAfterAuth, useUser } from '../api/session.js';
import { LANGUAGES, useI18n, type Language } from '../lib/i18n.js';
import { applyTheme, savedTheme, type Theme } from '../lib/theme.js';
import { CaptureDialog } from './CaptureDialog.js';

const NAV: Array<{ to: string; label: string }> = [
  { to: '/', label: 'Today' },
  { to: '/contacts', label: 'Contacts' },
  { to: '/compose', label: 'Composer' },
  { to: '/insights', label: 'Insights' },
  { to: '/network', label: 'Events & communities' },
  { to: '/introductions', label: 'Introductions' },
  { to: '/writing', label: 'Writing' },
  { to: '/resources', label: 'Resources' },
  { to: '/import', label: 'Import & export' },
  { to: '/settings', label: 'Settings' },
];

/** True when a key press is typing into a field (shortcuts then stay out of the way). */
function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function Shell() {
  const { t, lang, setLang } = useI18n();
  const user = useUser();
  const reset = useResetAfterAuth();
  const [captureOpen, setCaptureOpen] = useState(false);
  const [theme, setTheme] = useState<Theme>(savedTheme);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      const plainC = e.key === 'c' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e);
      if (ctrlK || plainC) {
        e.preventDefault();
        setCaptureOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('Skip to content')}
      </a>
      <header className="top">
        <div className="top-row">
          <Link to="/" className="brand" aria-label={t('kith: Today')}>
            kith
          </Link>
          <button type="button" className="primary capture-btn" onClick={() => setCaptureOpen(true)} aria-keyshortcuts="c Control+K">
            {t('Capture')} <kbd>C</kbd>
          </button>
          <div className="top-tools">
            <label className="compact">
              <span className="sr-only">{t('Theme')}</span>
              <select
                value={theme}
                onChange={(e) => {
                  const v = e.target.value as Theme;
                  setTheme(v);
                  applyTheme(v);
                }}
              >
                <option value="system">{t('System theme')}</option>
                <option value="light">{t('Light')}</option>
                <option value="dark">{t('Dark')}</option>
              </select>
            </label>
            <label className="compact">
              <span className="sr-only">{t('Language')}</span>
              <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {l === 'en' ? 'English' : 'Deutsch'}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="quiet"
              onClick={async () => {
                await logOut();
                await reset();
              }}
              title={user.email ?? user.name}
            >
              {t('Log out')}
            </button>
          </div>
        </div>
        <nav aria-label={t('Main')}>
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link to={n.to} activeOptions={{ exact: n.to === '/' }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <CaptureDialog open={captureOpen} onClose={() => setCaptureOpen(false)} />
    </div>
  );
}
